import SwitchboardCLI

SwitchboardMain.main()
