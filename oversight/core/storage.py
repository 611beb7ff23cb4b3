"""Where `collectstatic` puts static files in production: compressed, under hashed names."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed manifest storage, leaving JavaScript's text as it is.

    The vendored chart libraries end with a `sourceMappingURL` comment naming a source map
    they do not ship, which the manifest storage would otherwise refuse as a missing file.
    Our own scripts reference no other file by URL, so only stylesheets need rewriting.
    """

    # A file missing from the manifest (collectstatic not yet rerun after an upgrade) keeps its
    # plain name, served with a short cache, rather than failing every page and job that names it.
    manifest_strict = False

    patterns = tuple(
        (glob, rules)
        for glob, rules in CompressedManifestStaticFilesStorage.patterns
        if glob != "*.js"
    )
