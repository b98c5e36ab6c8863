/*===- no_symbol_model.c - A shared object that is no ds model ------------===*
 *
 * Part of ds.
 *
 * Loads fine but exports no ds_model_get.
 *===----------------------------------------------------------------------===*/

__attribute__((visibility("default"))) int not_a_model(void) { return 42; }
