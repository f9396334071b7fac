# xabi: one static musl binary. `make demo` and `make check` are all a fresh machine needs.
B := build
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo dev)

CC := gcc -specs=mk/musl-static-pie.specs
CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -fno-stack-protector -fPIE -fno-strict-aliasing \
	-isystem $(B)/deps/include -I$(B)/gen -MMD -MP -DXABI_VERSION='"$(VERSION)"'
LDFLAGS := -static-pie -Wl,-Ttext-segment=0x7e0000000000 -L$(B)/deps/lib
LDLIBS := -lffi -lelf -lz

SRCS := $(wildcard loader/*.c syscall/*.c syscall/*.S abi/*/*.c thunks/*.c libshim/*/*.c)
SPECS := $(wildcard libshim/*/*.spec)
OBJS := $(SRCS:%=$(B)/obj/%.o) $(B)/obj/gen/shim_exports.c.o
TABLES := $(patsubst abi/%/syscalls.tbl,$(B)/gen/%_table.h,$(wildcard abi/*/syscalls.tbl))

.PHONY: all deps check demo bench compat clean install uninstall
.SECONDARY: $(TABLES) # generated headers are kept, not deleted as intermediates
all: $(B)/xabi

# Packages from apt, then zlib, libffi and libelf built for musl (mk/README.md); cached in $(B)/deps.
deps: $(B)/deps/.stamp
$(B)/deps/.stamp: mk/deps.sh mk/install-deps.sh
	mk/install-deps.sh
	mk/deps.sh $(B)
	touch $@ # deps.sh keeps an up-to-date stamp as it is, older than a changed install-deps.sh

$(B)/gen/%_table.h: abi/%/syscalls.tbl abi/gentable.awk
	@mkdir -p $(@D)
	awk -v abi=$* -f abi/gentable.awk $< > $@.tmp && mv $@.tmp $@

$(B)/gen/shim_exports.c: $(SPECS) thunks/genspec.awk
	@mkdir -p $(@D)
	LC_ALL=C awk -f thunks/genspec.awk $(SPECS) > $@.tmp && mv $@.tmp $@

$(B)/obj/gen/shim_exports.c.o: $(B)/gen/shim_exports.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c $< -o $@

$(B)/obj/%.c.o: %.c | $(B)/deps/.stamp $(TABLES)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c $< -o $@

$(B)/obj/%.S.o: %.S | $(B)/deps/.stamp
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c $< -o $@

$(B)/xabi: $(OBJS)
	$(CC) $(LDFLAGS) $(OBJS) $(LDLIBS) -o $@

check: all
	tests/run

demo: all
	tests/demo

bench: all
	tests/bench

compat: all
	compat/run

# make install [PREFIX=/usr/local] [DESTDIR=staging]: xabi, its man page, and the names go test and
# go run look for on PATH (go_GOOS_amd64_exec), links to xabi, which knows them (loader/launch.c).
# uninstall removes the same list, nothing else.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
GO_EXEC_NAMES := go_freebsd_amd64_exec go_windows_amd64_exec
INSTALLED := $(BINDIR)/xabi $(MANDIR)/man1/xabi.1 $(addprefix $(BINDIR)/,$(GO_EXEC_NAMES))

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(B)/xabi $(DESTDIR)$(BINDIR)/xabi
	install -m 644 doc/xabi.1 $(DESTDIR)$(MANDIR)/man1/xabi.1
	for n in $(GO_EXEC_NAMES); do ln -sfn xabi $(DESTDIR)$(BINDIR)/$$n || exit 1; done

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))

clean:
	rm -rf $(B)/obj $(B)/gen $(B)/xabi $(B)/tests

-include $(OBJS:.o=.d)
