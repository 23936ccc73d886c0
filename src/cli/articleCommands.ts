import { userInfo } from 'node:os';
import { basename } from 'node:path';
import type { Actor, ArticlePreview, ArticleSource, FeudCore } from '../core.js';
import { MAX_ARTICLE_BYTES } from '../corpus/articleFile.js';
import { readRegularFile } from '../corpus/readCorpusDir.js';
import { UserFacingError } from '../errors.js';
import { LANGUAGE_NAMES } from '../text/languages.js';
import { formatReload } from './formatText.js';
import { reloadJson } from './jsonShapes.js';

/** Asks the operator a yes/no question; undefined when nobody is at a terminal to answer. */
export type Confirm = ((prompt: string) => Promise<boolean>) | undefined;

type Print = (json: unknown, text: string) => void;

/** `feudbot add <url|file> [--yes]`: the preview, then (confirmed) the file written and the index reloaded. */
export async function addArticle(core: FeudCore, target: string, yes: boolean, print: Print, confirm: Confirm) {
  const preview = await core.prepareArticle(await sourceOf(target));
  if (preview.duplicateOf)
    throw new UserFacingError(`This article is already in the corpus as ${preview.duplicateOf}; nothing was added.`);
  const confirmed = yes || (confirm ? await confirm(`${formatPreview(preview)}\n\nAdd it? [y/N] `) : false);
  if (!confirmed) {
    print({ added: false, preview: previewJson(preview) }, formatPreview(preview));
    throw new UserFacingError('Not added. Run again with --yes to add it.');
  }
  const { id, report } = await core.addArticle(preview.draft, operator(), preview.id);
  print(
    { added: true, id, preview: previewJson({ ...preview, id }), reload: reloadJson(report) },
    `Added ${id}.\n${formatReload(report)}`,
  );
}

/** `feudbot remove <id>`: the file deleted and the index reloaded. */
export async function removeArticle(core: FeudCore, id: string, print: Print) {
  const removed = await core.removeArticle(id, operator());
  print(
    { removed: true, id, title: removed.title, reload: reloadJson(removed.report) },
    `Removed ${id} (${removed.title}).\n${formatReload(removed.report)}`,
  );
}

async function sourceOf(target: string): Promise<ArticleSource> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return { kind: 'link', url: target };
  const bytes = await readRegularFile(target, MAX_ARTICLE_BYTES);
  if (typeof bytes === 'string') throw new UserFacingError(`${target}: ${bytes}.`);
  return { kind: 'file', upload: { name: basename(target), bytes } };
}

function operator(): Actor {
  const name = userInfo().username;
  return { via: 'cli', id: name, name };
}

function previewJson(preview: ArticlePreview) {
  const { body: _body, ...fields } = preview.draft;
  return {
    id: preview.id,
    ...fields,
    words: preview.words,
    passages: preview.passages,
    firstPassage: preview.firstPassage,
    duplicateOf: preview.duplicateOf,
  };
}

function formatPreview(preview: ArticlePreview): string {
  const d = preview.draft;
  return [
    `Title:     ${d.title}`,
    `Publisher: ${d.publisher ?? '(unknown)'}`,
    `Language:  ${LANGUAGE_NAMES[d.language]}`,
    `Published: ${d.published ?? '(unknown)'}`,
    `Author:    ${d.author ?? '(unknown)'}`,
    `Address:   ${d.url ?? '(none)'}`,
    `File:      ${preview.id}.md: ${preview.words} words in ${preview.passages} passages`,
    '',
    preview.firstPassage,
  ].join('\n');
}
