import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  hashBuiltSite,
  hashSource,
  inlineScripts,
  servedHeaders,
  unhashable,
  withScriptSources,
} from '../../../scripts/csp.mjs';

const HEADERS = `# comment
/*
  X-Content-Type-Options: nosniff
  Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'

/pyodide/*
  Cache-Control: public
`;

describe('inlineScripts', () => {
  it('finds the inline scripts a browser runs, not external ones or data blocks', () => {
    const html =
      '<script>a()</script><script type="module">b()</script><script src="/x.js"></script>' +
      '<script type="application/json">{"c":1}</script><SCRIPT type=text/javascript>d()</SCRIPT>';
    expect(inlineScripts(html)).toEqual(['a()', 'b()', 'd()']);
  });
});

describe('hashSource', () => {
  it("matches the CSP specification's example hash", () => {
    expect(hashSource("alert('Hello, world.');")).toBe(
      "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='",
    );
  });
});

describe('unhashable', () => {
  it('names inline handlers and javascript: URLs, which no hash can allow', () => {
    expect(unhashable('<button onclick="go()">x</button><a href="javascript:go()">y</a>')).toEqual([
      'an inline onclick handler',
      'a javascript: URL',
    ]);
  });
  it('ignores the same text inside a script or in prose', () => {
    expect(unhashable('<p>on=1, javascript: is a word</p><script>x.onclick = f</script>')).toEqual(
      [],
    );
  });
});

describe('withScriptSources', () => {
  it('adds the hashes to script-src and keeps every other directive and header', () => {
    const out = withScriptSources(HEADERS, ["'sha256-b='", "'sha256-a='", "'sha256-a='"]);
    expect(out).toContain(
      "Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-a=' 'sha256-b='; object-src 'none'",
    );
    expect(out.replace(/ 'sha256-[ab]='/g, '')).toBe(HEADERS);
  });
  it("refuses a policy that already allows 'unsafe-inline' scripts, or has no CSP", () => {
    expect(() =>
      withScriptSources(HEADERS.replace("'self' 'wasm", "'unsafe-inline' 'wasm"), []),
    ).toThrow(/unsafe-inline/);
    expect(() => withScriptSources('/*\n  X-A: b\n', [])).toThrow(/no Content-Security-Policy/);
  });
});

describe('hashBuiltSite', () => {
  it("writes every page's inline script hashes into the built _headers", () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-'));
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, '_headers'), HEADERS);
    writeFileSync(join(dir, 'index.html'), '<script>one()</script>');
    writeFileSync(join(dir, 'a', 'index.html'), '<script>one()</script><script>two()</script>');
    expect(hashBuiltSite(dir).pages).toBe(2);
    const written = readFileSync(join(dir, '_headers'), 'utf8');
    expect(written).toContain(hashSource('one()'));
    expect(written).toContain(hashSource('two()'));
  });
  it('fails the build on an inline handler, naming the page', () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-'));
    writeFileSync(join(dir, '_headers'), HEADERS);
    writeFileSync(join(dir, 'index.html'), '<img src="x.png" onerror="boom()">');
    expect(() => hashBuiltSite(dir)).toThrow(/index\.html: an inline onerror handler/);
  });
});

describe('servedHeaders', () => {
  const dir = mkdtempSync(join(tmpdir(), 'csp-'));
  const source = new URL(`file://${join(dir, 'source')}`);
  const built = new URL(`file://${join(dir, 'built')}`);
  writeFileSync(source, HEADERS);
  writeFileSync(built, withScriptSources(HEADERS, ["'sha256-a='"]));

  it('preview sends the built headers, with their hashes', () => {
    expect(servedHeaders('preview', source, built)['Content-Security-Policy']).toContain(
      "'sha256-a='",
    );
  });
  it('dev allows inline scripts (its own dev-only ones) and changes nothing else', () => {
    const dev = servedHeaders('dev', source, built);
    expect(dev['Content-Security-Policy']).toBe(
      "default-src 'self'; script-src 'unsafe-inline' 'self' 'wasm-unsafe-eval'; object-src 'none'",
    );
    expect(dev['X-Content-Type-Options']).toBe('nosniff');
  });
});
