import { describe, expect, it } from 'vitest';
import { firstScreenPage, withStylesInline } from './first-screen.ts';

const TEMPLATE = '<!doctype html>\n<html lang="vi">\n<head><link rel="stylesheet" crossorigin href="/assets/index-abc.css"></head>\n<body>\n<div id="root"></div>\n</body>\n</html>';

describe('the home page with its first screen drawn in', () => {
  const first = {
    lang: 'en' as const,
    path: '/',
    search: '',
    me: { user: { unit: 'HN' }, rights: ['read'], csrfToken: 't' },
    answers: { '/api/v1/overview?unit=HN': { unit: { name: 'Tên có </script><script>alert(1)</script>' } } },
  };

  it('puts the drawing in the root, the answers beside it, and the page in the drawing\'s language', () => {
    const page = firstScreenPage(TEMPLATE, '<header>Theo Dõi</header>', first);
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<div id="root"><header>Theo Dõi</header></div><script type="application/json" id="first-screen">');
    const json = /<script type="application\/json" id="first-screen">(.*?)<\/script>/s.exec(page)?.[1] ?? '';
    expect(JSON.parse(json)).toEqual(first);
  });

  it('lets no text in an answer end the script element', () => {
    const page = firstScreenPage(TEMPLATE, '', first);
    // One closing tag only: the data element's own. The name's "</script>" is written as \u003c/script>.
    expect(page.match(/<\/script>/g)).toHaveLength(1);
    expect(page).toContain('\\u003c/script>\\u003cscript>alert(1)');
  });

  it('writes the linked style sheets into the page, and no sheet can end its style element', () => {
    const page = withStylesInline(TEMPLATE, (href) => (href === 'assets/index-abc.css' ? 'main{color:red}/* </style><b> */' : ''));
    expect(page).not.toContain('<link rel="stylesheet"');
    expect(page).toContain('<style>main{color:red}/* <\\/style><b> */</style>');
  });
});
