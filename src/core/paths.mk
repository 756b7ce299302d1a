libwalens_a_SOURCES += src/core/paths.c src/core/paths.h
libwalens_a_SOURCES += src/core/catalog.c src/core/catalog.h
