# src/core: files of this module (included by Makefile.am).
