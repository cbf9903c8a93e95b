// Heap statistics for the allocation benchmark (glibc's malloc.h is not in Swift's Glibc module).
#pragma once
#include <stddef.h>
#if defined(__linux__)
#include <malloc.h>
/// Bytes the program has allocated with malloc and not freed.
static inline size_t ironlb_heap_in_use(void) { return mallinfo2().uordblks; }
#else
static inline size_t ironlb_heap_in_use(void) { return 0; }
#endif
