// Placeholder: at build time build/pinyin-plugin.ts replaces this module's content with each
// common character followed by its pinyin initials ("公g司s行xh…"). See pinyin-dict.data.ts.
const initials: string = '';
export default initials;
