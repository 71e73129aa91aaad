"""Developer tools kept out of the product package ``danvan``.

Training-data generators (:mod:`.datagen` and its hand-written :mod:`.petition_templates`) and
measurement helpers.  Product code never imports this package (an import-linter contract checks
it); benchmarks and tests may.
"""
