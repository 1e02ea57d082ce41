// ConsoleRuntime: runs the Console loop on a Terminal and performs its effects against the store.
