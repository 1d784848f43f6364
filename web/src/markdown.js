// A small Markdown renderer for the rule docs (paragraphs, lists, fenced code, `code`, links,
// **bold**). Builds DOM nodes with textContent only, so doc text can never inject markup.

function inline(parent, text) {
  const re = /`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\((https?:[^)\s]+)\)|<(https?:[^>\s]+)>|(https?:\/\/[^\s)>]+)/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) parent.append(text.slice(last, m.index));
    if (m[1] !== undefined) {
      const c = document.createElement('code');
      c.textContent = m[1];
      parent.append(c);
    } else if (m[2] !== undefined) {
      const b = document.createElement('strong');
      b.textContent = m[2];
      parent.append(b);
    } else {
      const href = m[4] || m[5] || m[6];
      const a = document.createElement('a');
      a.href = href;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      a.textContent = m[3] || href;
      parent.append(a);
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) parent.append(text.slice(last));
}

/** Renders Markdown `src` into a DocumentFragment. */
export function renderMarkdown(src) {
  const frag = document.createDocumentFragment();
  const lines = src.split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const fence = line.trim().match(/^```(\w*)\s*(\w*)/);
    if (fence) {
      const code = [];
      i++;
      while (i < lines.length && !lines[i].trim().startsWith('```')) code.push(lines[i++]);
      i++;
      const pre = document.createElement('pre');
      if (fence[2]) {
        pre.className = `kw-example kw-example-${fence[2]}`;
        pre.dataset.label = fence[2] === 'fail' ? 'fails' : fence[2] === 'pass' ? 'passes' : fence[2];
      }
      const c = document.createElement('code');
      c.textContent = code.join('\n');
      pre.append(c);
      frag.append(pre);
      continue;
    }
    if (/^\s*[-*] /.test(line)) {
      const ul = document.createElement('ul');
      while (i < lines.length && /^\s*[-*] /.test(lines[i])) {
        let item = lines[i].replace(/^\s*[-*] /, '');
        i++;
        while (i < lines.length && /^\s{2,}\S/.test(lines[i]) && !/^\s*[-*] /.test(lines[i])) item += ` ${lines[i++].trim()}`;
        const li = document.createElement('li');
        inline(li, item);
        ul.append(li);
      }
      frag.append(ul);
      continue;
    }
    if (!line.trim()) {
      i++;
      continue;
    }
    const para = [];
    while (i < lines.length && lines[i].trim() && !/^\s*[-*] /.test(lines[i]) && !lines[i].trim().startsWith('```')) {
      para.push(lines[i++].trim());
    }
    const p = document.createElement('p');
    inline(p, para.join(' '));
    frag.append(p);
  }
  return frag;
}
