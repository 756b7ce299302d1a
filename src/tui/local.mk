# src/tui: files of this module (included by Makefile.am).
