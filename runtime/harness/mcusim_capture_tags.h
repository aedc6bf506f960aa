/* runtime/harness/mcusim_capture_tags.h — what the run harness's captures
 * hold (mcusim_capture.h), and the arena's paint word. Plain defines, so the
 * host's tests can include this and check profiler/model_profile.hpp agrees. */
#ifndef MCUSIM_HARNESS_CAPTURE_TAGS_H
#define MCUSIM_HARNESS_CAPTURE_TAGS_H

#define MCUSIM_CAPTURE_OUTPUT 1u          /* the output tensor, after each inference */
#define MCUSIM_CAPTURE_ARENA 2u           /* the whole arena, after the last inference */
#define MCUSIM_CAPTURE_STACK 3u           /* the whole stack region, after the last inference */
#define MCUSIM_CAPTURE_TENSOR_BASE 0x1000u /* + plan tensor id: a layer's output, after the layer */

/* The word the harness paints the arena with before the first inference, so
 * the host can find how far the arena was written (profiler/memory_paint.hpp). */
#define MCUSIM_ARENA_PAINT 0xC0DE5AA5u

#endif /* MCUSIM_HARNESS_CAPTURE_TAGS_H */
