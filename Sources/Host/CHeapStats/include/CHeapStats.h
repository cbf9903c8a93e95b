// glibc heap statistics and trimming (malloc.h is not in Swift's Glibc module): the daemon's
// HeapTrimmer and the allocation benchmark use them.
#pragma once
#include <stddef.h>
#if defined(__linux__)
#include <malloc.h>
/// Bytes the program has allocated with malloc and not freed, including large blocks malloc maps
/// directly (big hash tables and arrays).
static inline size_t ironlb_heap_in_use(void) {
    struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
}
/// Bytes in free chunks that malloc keeps.
static inline size_t ironlb_heap_free(void) {
    return mallinfo2().fordblks;
}
/// Returns free memory in every arena to the system (malloc_trim(0)).
static inline void ironlb_heap_trim(void) {
    malloc_trim(0);
}
#else
static inline size_t ironlb_heap_in_use(void) { return 0; }
static inline size_t ironlb_heap_free(void) { return 0; }
static inline void ironlb_heap_trim(void) {}
#endif
