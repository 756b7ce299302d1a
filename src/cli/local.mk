# src/cli: files of this module (included by Makefile.am).
