// Kept for imports of the old name: the classifier is roles.ts.
export { classifyFile, type FileKind } from './roles';
