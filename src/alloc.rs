//! The build's memory allocator: mimalloc, called through its plain entry points. Rendering makes
//! many small strings from several threads; glibc's allocator spent a third of the build in
//! malloc/free (BENCHMARKS.md). The `mimalloc` crate sends every request through the aligned entry
//! points, which cost more per call (2% of a large build), though nearly every Rust allocation
//! needs no more alignment than `mi_malloc` always gives.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// mimalloc, installed as the global allocator by the `portal` binary.
pub struct Mi;

/// The alignment every mimalloc block has (`MI_MAX_ALIGN_SIZE`, without the `secure` feature).
const MI_ALIGN: usize = 16;

/// Whether `mi_malloc` satisfies `l`: the test the mimalloc authors give for using it instead of
/// the aligned calls (microsoft/mimalloc#314). A block smaller than 16 bytes may be 8-aligned.
fn plain(l: &Layout) -> bool {
    l.align() <= MI_ALIGN && l.align() <= l.size()
}

// SAFETY: every method forwards to mimalloc, which returns null on failure as `GlobalAlloc`
// requires; layouts that `plain` rejects go to the `mimalloc` crate's aligned implementation.
unsafe impl GlobalAlloc for Mi {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        if plain(&l) {
            libmimalloc_sys::mi_malloc(l.size()) as *mut u8
        } else {
            mimalloc::MiMalloc.alloc(l)
        }
    }

    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        if plain(&l) {
            libmimalloc_sys::mi_zalloc(l.size()) as *mut u8
        } else {
            mimalloc::MiMalloc.alloc_zeroed(l)
        }
    }

    unsafe fn dealloc(&self, p: *mut u8, _: Layout) {
        libmimalloc_sys::mi_free(p as *mut c_void)
    }

    unsafe fn realloc(&self, p: *mut u8, l: Layout, size: usize) -> *mut u8 {
        // The new block keeps the old alignment, so the test is made for the larger of the sizes
        // only when both pass it.
        match Layout::from_size_align(size, l.align()) {
            Ok(new) if plain(&l) && plain(&new) => {
                libmimalloc_sys::mi_realloc(p as *mut c_void, size) as *mut u8
            }
            _ => mimalloc::MiMalloc.realloc(p, l, size),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_aligned_as_asked() {
        for size in [
            1usize,
            3,
            8,
            12,
            16,
            24,
            40,
            100,
            1000,
            5000,
            70_000,
            1 << 20,
        ] {
            for align in [1usize, 2, 4, 8, 16, 32, 64, 4096] {
                let l = Layout::from_size_align(size, align).unwrap();
                unsafe {
                    let p = Mi.alloc(l);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "{size} {align}");
                    p.write_bytes(7, size);
                    let q = Mi.realloc(p, l, size * 3);
                    assert_eq!(q as usize % align, 0, "realloc {size} {align}");
                    assert_eq!(*q.add(size - 1), 7);
                    Mi.dealloc(q, Layout::from_size_align(size * 3, align).unwrap());
                    let z = Mi.alloc_zeroed(l);
                    assert_eq!(z as usize % align, 0, "zeroed {size} {align}");
                    assert!((0..size).all(|i| *z.add(i) == 0));
                    Mi.dealloc(z, l);
                }
            }
        }
    }
}
