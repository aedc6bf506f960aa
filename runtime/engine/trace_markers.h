/* runtime/engine/trace_markers.h — "layer begins" / "layer ends" markers on
 * the trace port: ITM stimulus ports 1 and 2, the words at 0xE0000004 and
 * 0xE0000008 (ARMv7-M ARM C1.7; mcusim's meaning of the ports:
 * docs/guest-conventions.md, "Trace port"). Each marker is one word store,
 * costing the guest what a store costs. Compiled out (no code at all) unless
 * MCUSIM_TRACE_MARKERS is defined, which only device builds do. */
#ifndef MCUSIM_RUNTIME_ENGINE_TRACE_MARKERS_H
#define MCUSIM_RUNTIME_ENGINE_TRACE_MARKERS_H

#include <stdint.h>

#if defined(MCUSIM_TRACE_MARKERS)
#define MCUSIM_ITM_STIMULUS(port) (*(volatile uint32_t*)(0xE0000000u + 4u * (port)))
static inline void mcusim_trace_layer_begin(uint32_t layer) { MCUSIM_ITM_STIMULUS(1u) = layer; }
static inline void mcusim_trace_layer_end(uint32_t layer) { MCUSIM_ITM_STIMULUS(2u) = layer; }
#else
static inline void mcusim_trace_layer_begin(uint32_t layer) { (void)layer; }
static inline void mcusim_trace_layer_end(uint32_t layer) { (void)layer; }
#endif

#endif /* MCUSIM_RUNTIME_ENGINE_TRACE_MARKERS_H */
