# src/report: files of this module (included by Makefile.am).
