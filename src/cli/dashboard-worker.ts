// The entry of the dashboard's engine thread (dashboard-engine.ts). Its first act is to build
// an Intl.Segmenter: ICU's grapheme rules, built once per process (about 14 ms), which the
// screen's thread needs as Ink loads (string-width and its kin make one at load). Here they
// are built on the other core while the screen's thread is still loading its own code
// (docs/ARCHITECTURE.md, Composition root).
new Intl.Segmenter();
await import('./dashboard-engine.js');
