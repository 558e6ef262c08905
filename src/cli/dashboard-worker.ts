// The entry of the dashboard's engine thread (dashboard-engine.ts). Its first act is to build
// an Intl.Segmenter: ICU's grapheme rules, built once per process (about 14 ms). The screen's
// thread needs them only for the first text whose code points join (an emoji sequence, a
// combining mark: src/ui/text/graphemes.ts); built here, on the other core, that text does
// not wait for them (docs/ARCHITECTURE.md, Composition root).
new Intl.Segmenter();
await import('./dashboard-engine.js');
