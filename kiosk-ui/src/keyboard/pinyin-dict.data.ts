// Placeholder: at build time build/pinyin-plugin.ts replaces this module's content with the
// phrase dictionary ("word<TAB>syllables" lines, most frequent first). A real file rather
// than a virtual module, so type checking and the import rules see an ordinary import.
const dictionary: string = '';
export default dictionary;
