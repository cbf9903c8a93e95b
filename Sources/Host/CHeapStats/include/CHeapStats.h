// Heap statistics for the allocation benchmark (glibc's malloc.h is not in Swift's Glibc module).
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
#else
static inline size_t ironlb_heap_in_use(void) { return 0; }
#endif
