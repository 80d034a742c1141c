"""Just enough ELF reading for user-space probes: function symbols, address to file offset,
and USDT notes (.note.stapsdt)."""
import mmap
import os
import struct

STT_FUNC = 2
STT_GNU_IFUNC = 10
SHT_SYMTAB = 2
SHT_DYNSYM = 11
SHT_NOTE = 7
PT_LOAD = 1


class ElfError(Exception):
    pass


class Elf(object):
    def __init__(self, path):
        self.path = path
        with open(path, "rb") as f:
            try:
                self.data = mmap.mmap(f.fileno(), 0, prot=mmap.PROT_READ)
            except ValueError:  # empty file
                raise ElfError("%s: not an ELF file" % path)
        d = self.data
        if d[:4] != b"\x7fELF":
            raise ElfError("%s: not an ELF file" % path)
        if d[4] != 2 or d[5] != 1:
            raise ElfError("%s: only 64-bit little-endian ELF files are supported" % path)
        (self.e_type, _mach, _ver, self.e_entry, self.e_phoff, self.e_shoff, _flags, _ehsize,
         self.e_phentsize, self.e_phnum, self.e_shentsize, self.e_shnum,
         self.e_shstrndx) = struct.unpack_from("<HHIQQQIHHHHHH", d, 16)
        self.sections = []
        for i in range(self.e_shnum):
            off = self.e_shoff + i * self.e_shentsize
            (name, typ, flags, addr, offset, size, link, info, align,
             entsize) = struct.unpack_from("<IIQQQQIIQQ", d, off)
            self.sections.append([name, typ, flags, addr, offset, size, link, info, align, entsize])
        if self.sections and self.e_shstrndx < len(self.sections):
            strtab = self.sections[self.e_shstrndx]
            for s in self.sections:
                s[0] = self._str(strtab[4], s[0])
        self.segments = []
        for i in range(self.e_phnum):
            off = self.e_phoff + i * self.e_phentsize
            (typ, flags, offset, vaddr, paddr, filesz, memsz,
             align) = struct.unpack_from("<IIQQQQQQ", d, off)
            self.segments.append((typ, flags, offset, vaddr, filesz, memsz))

    def _str(self, base, off):
        d = self.data
        start = base + off
        end = d.find(b"\0", start)
        return d[start:end].decode("utf-8", "replace")

    def section(self, name):
        for s in self.sections:
            if s[0] == name:
                return s
        return None

    def symbols(self):
        """(name, value, size, type) of every symbol in .symtab and .dynsym."""
        for s in self.sections:
            if s[1] not in (SHT_SYMTAB, SHT_DYNSYM) or s[9] == 0:
                continue
            strtab = self.sections[s[6]]
            for i in range(s[5] // s[9]):
                name, info, _other, _shndx, value, size = struct.unpack_from(
                    "<IBBHQQ", self.data, s[4] + i * s[9])
                if name == 0:
                    continue
                yield self._str(strtab[4], name), value, size, info & 0xf

    def functions(self, with_types=False):
        """{name: address} of defined functions (first definition wins); with_types:
        {name: (address, symbol type)}."""
        out = {}
        for name, value, _size, typ in self.symbols():
            if typ in (STT_FUNC, STT_GNU_IFUNC) and value:
                name = name.split("@")[0] if "@@" in name else name
                if name not in out:
                    out[name] = (value, typ) if with_types else value
        return out

    def _notes(self, sec):
        """(name, type, descriptor) of each note in a SHT_NOTE section."""
        d = self.data
        pos, end = sec[4], sec[4] + sec[5]
        while pos + 12 <= end:
            namesz, descsz, typ = struct.unpack_from("<III", d, pos)
            pos += 12
            name = d[pos:pos + namesz].rstrip(b"\0")
            pos += (namesz + 3) & ~3
            desc = d[pos:pos + descsz]
            pos += (descsz + 3) & ~3
            yield name, typ, desc

    def build_id(self):
        """The GNU build-id (bytes) or None."""
        for sec in self.sections:
            if sec[1] != SHT_NOTE:
                continue
            for name, typ, desc in self._notes(sec):
                if name == b"GNU" and typ == 3:
                    return bytes(desc)
        return None

    def offset_to_vaddr(self, off):
        for typ, flags, offset, vaddr, filesz, memsz in self.segments:
            if typ == PT_LOAD and offset <= off < offset + filesz:
                return off - offset + vaddr
        return None

    def symbol_at(self, vaddr):
        """(name, offset in it) of the function containing vaddr, or (None, None)."""
        best = None
        for name, value, size, typ in self.symbols():
            if typ not in (STT_FUNC, STT_GNU_IFUNC) or not value:
                continue
            if value <= vaddr < value + max(size, 1):
                if best is None or value > best[1]:
                    best = (name, value)
        if best is None:
            return None, None
        return best[0].split("@")[0], vaddr - best[1]

    def vaddr_to_offset(self, addr):
        for typ, flags, offset, vaddr, filesz, memsz in self.segments:
            if typ == PT_LOAD and flags & 1 and vaddr <= addr < vaddr + memsz:
                return addr - vaddr + offset
        for typ, flags, offset, vaddr, filesz, memsz in self.segments:
            if typ == PT_LOAD and vaddr <= addr < vaddr + memsz:
                return addr - vaddr + offset
        raise ElfError("address 0x%x is not in a loadable segment of %s" % (addr, self.path))

    def usdt_notes(self):
        """Every USDT probe: dicts with provider, name, pc, semaphore, args."""
        sec = self.section(".note.stapsdt")
        if not sec:
            return []
        base_sec = self.section(".stapsdt.base")
        out = []
        for name, typ, desc in self._notes(sec):
            if name != b"stapsdt" or typ != 3 or len(desc) < 24:
                continue
            pc, base, sema = struct.unpack_from("<QQQ", desc, 0)
            if base_sec and base:
                pc += base_sec[3] - base
                if sema:
                    sema += base_sec[3] - base
            rest = desc[24:].split(b"\0")
            provider = rest[0].decode()
            probe = rest[1].decode() if len(rest) > 1 else ""
            args = rest[2].decode() if len(rest) > 2 else ""
            out.append({"provider": provider, "name": probe, "pc": pc, "semaphore": sema,
                        "args": args})
        return out

    def close(self):
        self.data.close()


_ldcache = None


def _ld_so_cache():
    global _ldcache
    if _ldcache is None:
        _ldcache = []
        try:
            import subprocess
            out = subprocess.check_output(["/sbin/ldconfig", "-p"], stderr=subprocess.DEVNULL)
            for line in out.decode(errors="replace").splitlines()[1:]:
                if "=>" not in line:
                    continue
                left, path = line.rsplit("=>", 1)
                name = left.strip().split(" ")[0]
                _ldcache.append((name, left, path.strip()))
        except (OSError, Exception):
            pass
    return _ldcache


def which_so(libname, pid=0):
    """The path of library `libname` ("c" → libc.so.6): the process's mapping when pid is
    given, else the loader cache."""
    libname = libname.decode() if isinstance(libname, bytes) else libname
    prefix = "lib%s.so" % libname
    prefix2 = "lib%s-" % libname
    if pid:
        try:
            with open("/proc/%d/maps" % pid) as f:
                for line in f:
                    parts = line.split()
                    if len(parts) >= 6:
                        base = os.path.basename(parts[5])
                        if base.startswith(prefix) or base.startswith(prefix2):
                            return "/proc/%d/root%s" % (pid, parts[5]) if os.path.exists(
                                "/proc/%d/root%s" % (pid, parts[5])) else parts[5]
        except OSError:
            pass
    arch = "x86-64" if os.uname().machine == "x86_64" else None
    found = None
    for name, left, path in _ld_so_cache():
        if name.startswith(prefix):
            if arch is None or arch in left:
                return path
            found = found or path
    return found


def which(prog):
    for d in os.environ.get("PATH", "/usr/bin:/bin").split(os.pathsep):
        p = os.path.join(d.strip('"'), prog)
        if os.path.isfile(p) and os.access(p, os.X_OK):
            return p
    return None


def resolve_binary(name, pid=-1):
    """A module name as BCC accepts it (a path, a library short name, a program on PATH)."""
    name = name.decode() if isinstance(name, bytes) else name
    if "/" in name:
        return name if os.path.exists(name) else None
    p = which_so(name, pid if pid and pid > 0 else 0)
    if p:
        return p
    return which(name)
