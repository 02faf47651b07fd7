/**
 * @module The one format number of what a build stores: the manifest, the search pieces and the article
 * models. The manifest and the search meta carry it, the version hash includes it, and a Worker refuses
 * a build of another; bump it whenever the shape of anything stored changes.
 */
export const FORMAT_VERSION = 9
