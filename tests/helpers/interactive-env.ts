// The environment of an interactive SSH session, for the tests and the bench that start the
// dashboard in a terminal: no CI (Ink would draw only the last frame), UTF-8, xterm-256color,
// and nothing inherited that would change how it draws (colour switches, a locale, tmux, DEV).
export function interactiveEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', LANG: 'C.UTF-8' };
  for (const k of [
    'CI',
    'CONTINUOUS_INTEGRATION',
    'NO_COLOR',
    'FORCE_COLOR',
    'LC_ALL',
    'LC_MESSAGES',
    'LC_CTYPE',
    'TMUX',
    'DEV',
  ])
    delete env[k];
  return { ...env, ...extra };
}
