'use strict';
// Written by cdktf-secure-go (internal/jsiiload): a V8 code cache for the
// CommonJS modules the jsii kernel loads (its own program, cdktf,
// constructs, the AWS provider's submodules). Without it node parses and
// compiles about 9 MB of JavaScript on every run. See runtime.go.
//
// install(dir) wraps Module.prototype._compile: a module whose source (by
// SHA-1) has V8 code cache data in dir is compiled from it; V8 itself checks
// the data against its version, flags and the source length and rejects
// what does not fit, and the module is then compiled from source as usual.
//
// At exit, when some module had no usable data, the cache file is rewritten
// under a lock, merged with what other processes wrote meanwhile, and
// bounded:
//   - every entry records the package folders its module was loaded from
//     (the real folder of the package in jsii's package cache, which jsii
//     removes after 30 days unused, or the kernel's own folder); an entry
//     whose folders are all gone is dropped, as is one unused for a week;
//   - the data kept is at most LIMIT_BYTES: entries used least recently go
//     first (this run's are the most recent);
//   - writing goes to a temporary file renamed into place, so a reader sees
//     the old file or the new one, whole; temporary files and locks of
//     writers that died (killed halfway) are removed.
// Any failure to read or write the cache only costs speed.
const Module = require('module');
const vm = require('vm');
const path = require('path');
const crypto = require('crypto');
const fs = require('fs');

const MAGIC = 'cdktf-secure-go code cache 2\n';
const KEEP_MS = 7 * 24 * 3600 * 1000;
// LIMIT_BYTES bounds the cached data: the reference stack's kernel needs
// about 8 MB, so this holds that of three or four quite different programs.
const LIMIT_BYTES = 32 * 1024 * 1024;
// A lock older than this is stale whoever holds it (writing takes well under
// a second); a temporary file is stale when its writer is gone or after this.
const STALE_LOCK_MS = 30 * 1000;
const STALE_TMP_MS = 3600 * 1000;
const LOCK_WAIT_MS = 3000;

// cacheFile names the file for this node binary and its V8 flags, so that
// two node versions do not keep rejecting and rewriting each other's data.
function cacheFile(dir) {
  const id = [process.version, process.arch, process.execArgv.join(' '), process.env.NODE_OPTIONS || ''].join('\n');
  return path.join(dir, 'v8-' + crypto.createHash('sha1').update(id).digest('hex').slice(0, 16) + '.bin');
}

// read returns the entries of a cache file: key -> {data, used, origins}. A
// missing, malformed or older-format file is an empty cache.
function read(file) {
  const entries = new Map();
  let buf;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    return entries;
  }
  try {
    if (buf.toString('latin1', 0, MAGIC.length) !== MAGIC) return entries;
    const n = buf.readUInt32LE(MAGIC.length);
    let off = MAGIC.length + 4 + n;
    const index = JSON.parse(buf.toString('utf8', MAGIC.length + 4, off));
    for (const [key, len, used, origins] of index.entries) {
      if (off + len > buf.length) return new Map();
      entries.set(key, { data: buf.subarray(off, off + len), used, origins: new Set(origins.map((i) => index.origins[i])) });
      off += len;
    }
  } catch (e) {
    return new Map();
  }
  return entries;
}

// encode returns the bytes of a cache file holding entries.
function encode(entries) {
  const list = [...entries].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const origins = [...new Set(list.flatMap(([, e]) => [...e.origins]))].sort();
  const at = new Map(origins.map((o, i) => [o, i]));
  const index = Buffer.from(JSON.stringify({
    origins,
    entries: list.map(([key, e]) => [key, e.data.length, e.used, [...e.origins].map((o) => at.get(o)).sort((a, b) => a - b)]),
  }));
  const head = Buffer.alloc(MAGIC.length + 4);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(index.length, MAGIC.length);
  return Buffer.concat([head, index, ...list.map(([, e]) => e.data)]);
}

// write replaces file with entries: a temporary file, then a rename.
function write(file, entries) {
  const tmp = file + '.' + process.pid + '.tmp';
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, encode(entries));
    fs.renameSync(tmp, file);
    return true;
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch (e2) {
      // nothing was written
    }
    return false;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

// lock takes file's lock (an exclusive create of file.lock holding the
// pid), breaking a lock whose holder died or that is stale, and returns the
// function that releases it, or null if the lock could not be had in time.
function lock(file) {
  const lockFile = file + '.lock';
  const deadline = Date.now() + LOCK_WAIT_MS;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          fs.unlinkSync(lockFile);
        } catch (e) {
          // broken by another process meanwhile
        }
      };
    } catch (e) {
      if (e.code !== 'EEXIST') return null;
    }
    try {
      const holder = parseInt(fs.readFileSync(lockFile, 'utf8'), 10);
      const age = Date.now() - fs.statSync(lockFile).mtimeMs;
      if ((holder > 0 && !alive(holder)) || age > STALE_LOCK_MS || (!(holder > 0) && age > 1000)) {
        fs.unlinkSync(lockFile);
        continue;
      }
    } catch (e) {
      continue; // released meanwhile
    }
    if (Date.now() > deadline) return null;
    sleep(5);
  }
}

// removeStale deletes temporary files of writers that died.
function removeStale(file) {
  const dir = path.dirname(file);
  const base = path.basename(file);
  let names;
  try {
    names = fs.readdirSync(dir);
  } catch (e) {
    return;
  }
  for (const name of names) {
    const m = name.startsWith(base + '.') && /\.(\d+)\.tmp$/.exec(name);
    if (!m) continue;
    const p = path.join(dir, name);
    try {
      const age = Date.now() - fs.statSync(p).mtimeMs;
      if (Number(m[1]) !== process.pid && (!alive(Number(m[1])) || age > STALE_TMP_MS)) fs.unlinkSync(p);
    } catch (e) {
      // gone already
    }
  }
}

// bound returns the entries to keep of merged at time now: those whose
// folders still exist (origins in live are known to) and that were used
// within a week, the most recently used first, up to limit bytes of data.
function bound(merged, now, live, limit) {
  const exists = (o) => {
    if (!live.has(o)) {
      live.set(o, fs.existsSync(o));
    }
    return live.get(o);
  };
  const kept = [];
  for (const [key, e] of merged) {
    if (now - e.used >= KEEP_MS) continue;
    const origins = new Set([...e.origins].filter(exists));
    if (origins.size === 0) continue;
    kept.push([key, { data: e.data, used: e.used, origins }]);
  }
  kept.sort((a, b) => b[1].used - a[1].used || (a[0] < b[0] ? -1 : 1));
  const out = new Map();
  let total = 0;
  for (const [key, e] of kept) {
    if (total + e.data.length > limit) break;
    total += e.data.length;
    out.set(key, e);
  }
  return out;
}

// originOf returns the folder a module was loaded from: the real folder of
// its package (the first node_modules/<name> or node_modules/@scope/<name>
// on its path; the kernel links packages from jsii's package cache), or the
// module's own folder when it is in no package.
function originOf(filename, memo) {
  const marker = path.sep + 'node_modules' + path.sep;
  const i = filename.indexOf(marker);
  let root;
  if (i < 0) {
    root = path.dirname(filename);
  } else {
    const rest = filename.slice(i + marker.length).split(path.sep);
    root = filename.slice(0, i + marker.length) + (rest[0].startsWith('@') ? rest[0] + path.sep + rest[1] : rest[0]);
  }
  if (!memo.has(root)) {
    let real = root;
    try {
      real = fs.realpathSync(root);
    } catch (e) {
      // keep the path as given
    }
    memo.set(root, real);
  }
  return memo.get(root);
}

function install(dir, opts) {
  const limit = (opts && opts.limit) || LIMIT_BYTES;
  const file = cacheFile(dir);
  const entries = read(file);
  const compiled = []; // [key, script, origin] of modules without usable data
  const used = new Map(); // key -> origin
  const roots = new Map();
  const original = Module.prototype._compile;
  Module.prototype._compile = function (content, filename, format) {
    // Left to node's own loader: anything but plain CommonJS (newer node
    // versions pass a format for ES modules and TypeScript), and modules
    // that may call import(), which needs that loader (vm's hook for it
    // prints an experimental-feature warning).
    if (typeof content !== 'string' || (format !== undefined && format !== 'commonjs') || content.includes('import(')) {
      return original.apply(this, arguments);
    }
    const key = crypto.createHash('sha1').update(content).digest('base64');
    const entry = entries.get(key);
    // A hashbang is only valid at the very start; the wrapper moves it.
    const source = Module.wrap(content.startsWith('#!') ? '//' + content : content);
    const script = new vm.Script(source, { filename, cachedData: entry && entry.data });
    if (entry && !script.cachedDataRejected) {
      used.set(key, originOf(filename, roots));
    } else {
      compiled.push([key, script, originOf(filename, roots)]);
    }
    const mod = this;
    const require = function require(id) {
      return mod.require(id);
    };
    require.resolve = (request, opts) => Module._resolveFilename(request, mod, false, opts);
    require.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
    require.main = process.mainModule;
    require.extensions = Module._extensions;
    require.cache = Module._cache;
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(mod.exports, mod.exports, require, mod, filename, path.dirname(filename));
  };
  process.on('exit', () => {
    if (compiled.length === 0) return; // every module came from the cache
    let release;
    try {
      release = lock(file);
    } catch (e) {
      return;
    }
    if (!release) return; // another writer holds it: this run's data is lost, nothing else
    try {
      const now = Date.now();
      // What other processes wrote since this one read the file, then
      // what it read, then this run's.
      const merged = read(file);
      for (const [key, e] of entries) if (!merged.has(key)) merged.set(key, e);
      const live = new Map();
      for (const [key, origin] of used) {
        const e = merged.get(key) || entries.get(key);
        merged.set(key, { data: e.data, used: now, origins: new Set([...e.origins, origin]) });
        live.set(origin, true);
      }
      for (const [key, script, origin] of compiled) {
        // Created at exit, the data also holds the functions this run compiled.
        const old = merged.get(key);
        merged.set(key, { data: script.createCachedData(), used: now, origins: new Set([...(old ? old.origins : []), origin]) });
        live.set(origin, true);
      }
      removeStale(file);
      write(file, bound(merged, now, live, limit));
    } catch (e) {
      // only speed is lost
    } finally {
      release();
    }
  });
}

module.exports = { install, cacheFile, read, write, encode, bound, lock, removeStale, LIMIT_BYTES };
