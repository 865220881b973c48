'use strict';
// Written by cdktf-secure-go (internal/jsiiload): a V8 code cache for the
// CommonJS modules the jsii kernel loads (its own program, cdktf,
// constructs, the AWS provider's submodules). Without it node parses and
// compiles about 9 MB of JavaScript on every run. See codecache.go.
//
// install(dir) wraps Module.prototype._compile: a module whose source (by
// SHA-1) has V8 code cache data in dir is compiled from it; V8 itself checks
// the data against its version, flags and the source length and rejects
// what does not fit, and the module is then compiled from source as usual.
// At exit, when some module had no usable data, the cache file is rewritten
// (to a temporary name, then renamed) with data for the modules compiled
// this run plus the older entries used within a week. Any failure to read or
// write the cache only costs speed.
const Module = require('module');
const vm = require('vm');
const path = require('path');
const crypto = require('crypto');
const fs = require('fs');

const MAGIC = 'cdktf-secure-go code cache 1\n';
const KEEP_MS = 7 * 24 * 3600 * 1000;

// cacheFile names the file for this node binary and its V8 flags, so that
// two node versions do not keep rejecting and rewriting each other's data.
function cacheFile(dir) {
  const id = [process.version, process.arch, process.execArgv.join(' '), process.env.NODE_OPTIONS || ''].join('\n');
  return path.join(dir, 'v8-' + crypto.createHash('sha1').update(id).digest('hex').slice(0, 16) + '.bin');
}

// read returns the entries of a cache file: key -> {data, used}. A missing
// or malformed file is an empty cache.
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
    for (const [key, len, used] of index) {
      if (off + len > buf.length) return new Map();
      entries.set(key, { data: buf.subarray(off, off + len), used });
      off += len;
    }
  } catch (e) {
    return new Map();
  }
  return entries;
}

function write(file, entries) {
  const list = [...entries].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const index = Buffer.from(JSON.stringify(list.map(([key, e]) => [key, e.data.length, e.used])));
  const head = Buffer.alloc(MAGIC.length + 4);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(index.length, MAGIC.length);
  const tmp = file + '.' + process.pid + '.tmp';
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, Buffer.concat([head, index, ...list.map(([, e]) => e.data)]));
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch (e2) {
      // nothing was written
    }
  }
}

function install(dir) {
  const file = cacheFile(dir);
  const entries = read(file);
  const now = Date.now();
  const compiled = []; // [key, script] of modules without usable data
  const used = new Set();
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
      used.add(key);
    } else {
      compiled.push([key, script]);
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
    const next = new Map();
    for (const [key, e] of entries) {
      if (used.has(key)) next.set(key, { data: e.data, used: now });
      else if (now - e.used < KEEP_MS) next.set(key, e);
    }
    for (const [key, script] of compiled) {
      // Created at exit, the data also holds the functions this run compiled.
      next.set(key, { data: script.createCachedData(), used: now });
    }
    write(file, next);
  });
}

module.exports = { install, cacheFile, read, write };
