"""Use cases shared by the GUI and the command line. Each call is one unit of work returning plain values."""
