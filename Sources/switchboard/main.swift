import SwitchboardCLI

await SwitchboardMain.main()
