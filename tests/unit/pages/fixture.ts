import type { Article } from '../../../src/core/model.ts'

/** A small article shaped like the parser's output, with some hostile text in it. */
export const ARTICLE: Article = {
  slug: 'what-you-leave-behind',
  title: 'What You Leave Behind',
  aliases: [],
  categories: [],
  summary: '"What You Leave Behind" is the series finale of Star Trek: Deep Space Nine.',
  source: 'https://en.wikipedia.org/wiki/What_You_Leave_Behind',
  attribution: {
    title: 'What You Leave Behind',
    publisher: 'Wikipedia',
    licence: 'CC BY-SA 4.0',
    licence_url: 'https://creativecommons.org/licenses/by-sa/4.0/',
    source: 'https://en.wikipedia.org/wiki/What_You_Leave_Behind',
    text: '"What You Leave Behind" from Wikipedia, CC BY-SA 4.0',
  },
  infobox: {
    heading: '"What You Leave Behind"',
    subheading: 'Star Trek: Deep Space Nine episode',
    image: { file: 'What You Leave Behind.jpg', caption: 'The Federation Alliance fleet prepares for the final battle over Cardassia Prime' },
    fields: [
      { label: 'Directed by', key: 'directed_by', values: ['Allan Kroeker'] },
      { label: 'Written by', key: 'written_by', values: ['Ira Steven Behr', 'Hans Beimler'] },
      { label: 'Original air date', key: 'original_air_date', values: ['June 2, 1999 (1999-06-02)'], iso_date: '1999-06-02' },
      { label: 'Guest appearance(s)', key: 'guest_appearances', values: [] },
    ],
    previous: '"The Dogs of War"',
    next: null,
  },
  sections: [
    {
      id: 'lead',
      title: 'Lead',
      level: 1,
      parent: null,
      passages: [
        { id: 'what-you-leave-behind:lead-1', article: 'what-you-leave-behind', section: 'lead', kind: 'paragraph', text: '"What You Leave Behind" is the series finale of Star Trek: Deep Space Nine.', citations: ['ref-1'] },
        { id: 'what-you-leave-behind:infobox-1', article: 'what-you-leave-behind', section: 'lead', kind: 'infobox', text: 'Directed by: Allan Kroeker', citations: [] },
        { id: 'what-you-leave-behind:infobox-2', article: 'what-you-leave-behind', section: 'lead', kind: 'infobox', text: 'Written by: Ira Steven Behr, Hans Beimler', citations: [] },
        { id: 'what-you-leave-behind:caption-1', article: 'what-you-leave-behind', section: 'lead', kind: 'caption', text: 'The Federation Alliance fleet prepares for the final battle over Cardassia Prime', citations: [] },
      ],
    },
    {
      id: 'plot',
      title: 'Plot',
      level: 1,
      parent: null,
      passages: [
        { id: 'what-you-leave-behind:plot-1', article: 'what-you-leave-behind', section: 'plot', kind: 'paragraph', text: 'Sisko & Kasidy <script>alert("x")</script> talk about "the house" on Bajor.', citations: ['note-1', 'ref-1'] },
        { id: 'what-you-leave-behind:plot-2', article: 'what-you-leave-behind', section: 'plot', kind: 'paragraph', text: 'Dukat\'s <img src=x onerror=alert(1)> plan fails."><b>', citations: ['ref-2'] },
      ],
    },
    {
      id: 'critical-reception',
      title: 'Critical reception',
      level: 2,
      parent: 'reception',
      passages: [
        { id: 'what-you-leave-behind:critical-reception-1', article: 'what-you-leave-behind', section: 'critical-reception', kind: 'paragraph', text: 'Critics called it a satisfying end.', citations: ['ref-2'] },
      ],
    },
    {
      id: 'notes',
      title: 'Notes',
      level: 1,
      parent: null,
      passages: [
        { id: 'what-you-leave-behind:note-1', article: 'what-you-leave-behind', section: 'notes', kind: 'note', text: 'The house was never built.', citations: [] },
      ],
    },
    {
      id: 'references',
      title: 'References',
      level: 1,
      parent: null,
      passages: [
        { id: 'what-you-leave-behind:ref-1', article: 'what-you-leave-behind', section: 'references', kind: 'reference', text: 'Erdmann, Terry J. (2000). The Deep Space Nine Companion. Pocket Books.', citations: [] },
        { id: 'what-you-leave-behind:ref-2', article: 'what-you-leave-behind', section: 'references', kind: 'reference', text: 'Handlen, Zack. "What You Leave Behind". The A.V. Club. <i>', citations: [] },
      ],
    },
  ],
  notes: [{ id: 'note-1', n: 1, text: 'The house was never built.', passage: 'what-you-leave-behind:note-1', cited_by: ['what-you-leave-behind:plot-1'] }],
  references: [
    {
      id: 'ref-1', n: 1, text: 'Erdmann, Terry J. (2000). The Deep Space Nine Companion. Pocket Books.', authors: ['Terry J. Erdmann'], title: 'The Deep Space Nine Companion',
      publisher: 'Pocket Books', date: null, retrieved: null, archived: null, backlinks: ['a', 'b'],
      cited_by: ['what-you-leave-behind:lead-1', 'what-you-leave-behind:plot-1'], passage: 'what-you-leave-behind:ref-1',
    },
    {
      id: 'ref-2', n: 2, text: 'Handlen, Zack. "What You Leave Behind". The A.V. Club. <i>', authors: ['Zack Handlen'], title: 'What You Leave Behind',
      publisher: 'The A.V. Club', date: '2013-06-27', retrieved: null, archived: null, backlinks: ['a', 'b'],
      cited_by: ['what-you-leave-behind:plot-2', 'what-you-leave-behind:critical-reception-1'], passage: 'what-you-leave-behind:ref-2',
    },
  ],
}
