# doc: the manuals, the shell completion, the translations' checks and the
# packaging tests (included by Makefile.am).

# walens.1 is generated from walens.1.in and the program's own tables
# (build-aux/mkman.sh) and shipped, so that a user without the binary has it.
# It is not rebuilt by 'make': a tarball's srcdir may be read-only.  'make
# update-man' rewrites it; tests/doc/man.sh fails while it is out of date.
dist_man_MANS = doc/walens.1 doc/walens-lens.5 doc/walens-profile.5
EXTRA_DIST += doc/walens.1.in doc/HACKING.md build-aux/mkman.sh

.PHONY: update-man
update-man: src/walens
	$(AM_V_GEN)$(SHELL) $(srcdir)/build-aux/mkman.sh src/walens \
		$(srcdir)/doc/walens.1.in > doc/walens.1.tmp && \
	mv doc/walens.1.tmp $(srcdir)/doc/walens.1

# README.md's screens are copies of the golden screens of tests/tui/golden.sh
# (which fails while they differ).  After `UPDATE=1 make check
# TESTS=tests/tui/golden.sh`, 'make update-readme' copies them in.
EXTRA_DIST += build-aux/readme-screens.sh
.PHONY: update-readme
update-readme:
	$(AM_V_GEN)$(SHELL) $(srcdir)/build-aux/readme-screens.sh $(srcdir)/README.md \
		$(srcdir)/tests/tui/golden

# po/POTFILES.in: every source file with translatable strings
# (tests/i18n/potfiles.sh fails when one is missing).  'make update-po'
# then refreshes po/walens.pot and merges it into every language's .po.
.PHONY: update-potfiles
update-potfiles:
	$(AM_V_GEN){ echo '# Source files with translatable strings; make update-potfiles writes this list.'; \
	  $(SHELL) $(srcdir)/build-aux/potfiles.sh $(srcdir); } > po/POTFILES.in.tmp && \
	mv po/POTFILES.in.tmp $(srcdir)/po/POTFILES.in
EXTRA_DIST += build-aux/potfiles.sh

# 'make update-po' from the top: po/walens.pot from the sources, merged into
# every po/*.po (then translate what msgfmt --statistics reports).
.PHONY: update-po
update-po:
	cd po && $(MAKE) $(AM_MAKEFLAGS) update-po

# Bash completion: bash-completion's own directory when walens shares its
# prefix, else $(datadir)/bash-completion/completions (see configure.ac).
bashcompletiondir = @bashcompletiondir@
dist_bashcompletion_DATA = data/bash-completion/walens

# The tests of this part.
if HAVE_CRITERION
check_PROGRAMS += tests/unit/test_reloc
TESTS += tests/unit/test_reloc
tests_unit_test_reloc_SOURCES = tests/unit/test_reloc.c
tests_unit_test_reloc_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_reloc_LDADD = $(UNIT_LIBS)
endif
DOC_TESTS = tests/doc/man.sh tests/doc/hacking.sh tests/i18n/potfiles.sh tests/i18n/po.sh \
	tests/i18n/german.sh tests/install/install.sh tests/completion/completion.sh
TESTS += $(DOC_TESTS)
EXTRA_DIST += $(DOC_TESTS)
