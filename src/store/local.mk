# src/store: files of this module (included by Makefile.am).
