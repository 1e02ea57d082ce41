// Terminal: the only module that calls ncurses (through CNCurses).
