/**
 * The element tables of libxml2 2.14.6's HTMLparser.c that its recovery rules read (see html-parser.ts).
 */

/** Elements that never have content (html40ElementTable rows with `empty` set). */
export const EMPTY = new Set([
  'area', 'base', 'basefont', 'br', 'col', 'frame', 'hr', 'img', 'input', 'isindex', 'link', 'meta', 'param',
]);
export const DATA_RCDATA = 1;
const DATA_RAWTEXT = 2;
export const DATA_PLAINTEXT = 3;
export const DATA_SCRIPT = 4;
export const DATA_SCRIPT_ESC1 = 5;
export const DATA_SCRIPT_ESC2 = 6;
/** html40ElementTable's dataMode column. */
export const DATA_MODE: Record<string, number> = {
  iframe: DATA_RAWTEXT, noembed: DATA_RAWTEXT, noframes: DATA_RAWTEXT, plaintext: DATA_PLAINTEXT,
  script: DATA_SCRIPT, style: DATA_RAWTEXT, textarea: DATA_RCDATA, title: DATA_RCDATA, xmp: DATA_RAWTEXT,
};
/** htmlEndPriority: an end tag may only close elements of lower or equal priority on its way (default 100). */
export const END_PRIORITY: Record<string, number> = {
  div: 150, td: 160, th: 160, tr: 170, thead: 180, tbody: 180, tfoot: 180, table: 190, head: 200, body: 200, html: 220,
};
/** htmlStartClose, as "old:new new ...": a start tag `new` implicitly closes an open `old`. */
const START_CLOSE_SOURCE = [
  'a:a fieldset table td th', 'address:dd dl dt form li ul', 'b:center p td th', 'big:p',
  'caption:col colgroup tbody tfoot thead tr', 'col:col colgroup tbody tfoot thead tr',
  'colgroup:colgroup tbody tfoot thead tr', 'dd:dt', 'dir:dd dl dt form ul', 'dl:form li', 'dt:dd dl',
  'font:center td th', 'form:form', 'h1:fieldset form li p table', 'h2:fieldset form li p table',
  'h3:fieldset form li p table', 'h4:fieldset form li p table', 'h5:fieldset form li p table',
  'h6:fieldset form li p table',
  'head:a abbr acronym address b bdo big blockquote body br center cite code dd dfn dir div dl dt em fieldset font ' +
    'form frameset h1 h2 h3 h4 h5 h6 hr i iframe img kbd li listing map menu ol p pre q s samp small span strike ' +
    'strong sub sup table tt u ul var xmp',
  'hr:form', 'i:center p td th', 'legend:fieldset', 'li:li', 'link:body frameset',
  'listing:dd dl dt fieldset form li table ul', 'menu:dd dl dt form ul', 'ol:form', 'option:optgroup option',
  'p:address blockquote body caption center col colgroup dd dir div dl dt fieldset form frameset h1 h2 h3 h4 h5 h6 ' +
    'head hr li listing menu ol p pre table tbody td tfoot th title tr ul xmp',
  'pre:dd dl dt fieldset form li table ul', 's:p', 'script:noscript', 'small:p', 'span:td th', 'strike:p',
  'style:body frameset', 'tbody:tbody tfoot', 'td:tbody td tfoot th tr', 'tfoot:tbody', 'th:tbody td tfoot th tr',
  'thead:tbody tfoot', 'title:body frameset', 'tr:tbody tfoot tr', 'tt:p', 'u:p td th', 'ul:address form menu pre',
  'xmp:dd dl dt fieldset form li table ul',
];
export const START_CLOSE = new Set(
  START_CLOSE_SOURCE.flatMap((entry) => {
    const [oldTag, newTags] = entry.split(':');
    return newTags.split(' ').map((newTag) => `${oldTag}>${newTag}`);
  }),
);
export const HEAD_CONTENT = new Set(['script', 'style', 'meta', 'link', 'title', 'base']);
