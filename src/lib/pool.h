/*
 * pool.h - a pool of worker threads over a numbered list of items: each
 * worker takes the next item not yet taken until none is left. The caller's
 * thread is worker 0; callers keep per-worker state in arrays indexed by the
 * worker number.
 */
#ifndef RRM_POOL_H
#define RRM_POOL_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Does one item: item `i` on worker `worker`. Returns false to stop this
 * worker (item `i` is then left undone, and the caller can do it again).
 */
typedef bool (*rrm_pool_item_fn)(void *ctx, size_t worker, size_t i);

/*
 * Runs `fn` over the items 0 .. n-1 on up to `jobs` workers (at least one, at
 * most one per item; fewer when a thread cannot be started), in the order of the items, and
 * returns when every worker is done. Returns how many workers ran.
 */
size_t rrm_pool_run(size_t jobs, size_t n, rrm_pool_item_fn fn, void *ctx);

/* The default number of workers: RRM_JOBS (1 to 64), else one per online processor (64 at most). */
size_t rrm_pool_default_jobs(void);

#endif
