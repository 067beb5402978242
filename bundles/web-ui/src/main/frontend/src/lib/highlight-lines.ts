// The light half of highlighting, with no highlight.js in it: which language a file is, and splitting
// highlighted HTML into lines whose spans are each closed and reopened, so that every line stands alone.

const byExtension: Record<string, string> = {
  sh: 'bash', bash: 'bash', zsh: 'bash', c: 'c', h: 'c', cc: 'cpp', cpp: 'cpp', cxx: 'cpp', hpp: 'cpp', hh: 'cpp',
  cs: 'csharp', css: 'css', diff: 'diff', patch: 'diff', go: 'go', gradle: 'gradle', groovy: 'groovy',
  ini: 'ini', toml: 'ini', cfg: 'ini', java: 'java', js: 'javascript', mjs: 'javascript', cjs: 'javascript',
  jsx: 'javascript', json: 'json', kt: 'kotlin', kts: 'kotlin', less: 'less', lua: 'lua', mk: 'makefile',
  md: 'markdown', markdown: 'markdown', pl: 'perl', pm: 'perl', php: 'php', properties: 'properties',
  py: 'python', rb: 'ruby', rs: 'rust', scala: 'scala', scss: 'scss', sql: 'sql', swift: 'swift', ts: 'typescript',
  tsx: 'typescript', mts: 'typescript', cts: 'typescript', html: 'xml', htm: 'xml', xml: 'xml', svg: 'xml',
  xsd: 'xml', pom: 'xml', vue: 'xml', yml: 'yaml', yaml: 'yaml',
};

const byName: Record<string, string> = {
  dockerfile: 'dockerfile', makefile: 'makefile', gnumakefile: 'makefile', gemfile: 'ruby', rakefile: 'ruby',
  jenkinsfile: 'groovy', '.bashrc': 'bash', '.profile': 'bash',
};

/** highlight.js's name for the language of a file, by its name or extension; undefined when not known. */
export function languageFor(fileName: string): string | undefined {
  const name = fileName.slice(fileName.lastIndexOf('/') + 1).toLowerCase();
  if (byName[name]) return byName[name];
  if (name.startsWith('dockerfile')) return 'dockerfile';
  const dot = name.lastIndexOf('.');
  return dot < 0 ? undefined : byExtension[name.slice(dot + 1)];
}

/** highlight.js's HTML split at newlines, each line closing the spans still open and reopening them on the next. */
export function splitHighlightedLines(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let line = '';
  const token = /<span[^>]*>|<\/span>|\n|[^<\n]+|</g;
  for (let m = token.exec(html); m; m = token.exec(html)) {
    const text = m[0];
    if (text === '\n') {
      lines.push(line + '</span>'.repeat(open.length));
      line = open.join('');
    } else if (text.startsWith('<span')) {
      open.push(text);
      line += text;
    } else if (text === '</span>') {
      open.pop();
      line += text;
    } else {
      line += text;
    }
  }
  lines.push(line);
  return lines;
}

/** The text's lines (a final newline does not start another line). */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
