#include "lib/pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "lib/util.h"

struct pool {
	rrm_pool_item_fn fn;
	void *ctx;
	size_t n;
	size_t next; /* the next item to take */
	pthread_mutex_t lock;
};

struct worker {
	struct pool *pool;
	size_t id;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->pool;
	for (;;) {
		pthread_mutex_lock(&p->lock);
		size_t i = p->next++;
		pthread_mutex_unlock(&p->lock);
		if (i >= p->n || !p->fn(p->ctx, w->id, i))
			break;
	}
	return NULL;
}

size_t rrm_pool_run(size_t jobs, size_t n, rrm_pool_item_fn fn, void *ctx)
{
	if (jobs > n)
		jobs = n; /* no more workers than items */
	if (jobs < 1)
		jobs = 1;
	struct pool p = {fn, ctx, n, 0, PTHREAD_MUTEX_INITIALIZER};
	struct worker *w = rrm_calloc(jobs, sizeof *w);
	pthread_t *t = rrm_calloc(jobs, sizeof *t);
	size_t started = 0;
	for (size_t k = 1; k < jobs; k++) {
		w[k] = (struct worker){&p, k};
		if (pthread_create(&t[k], NULL, work, &w[k]) != 0)
			break;
		started = k;
	}
	w[0] = (struct worker){&p, 0};
	work(&w[0]);
	for (size_t k = 1; k <= started; k++)
		pthread_join(t[k], NULL);
	free(w);
	free(t);
	pthread_mutex_destroy(&p.lock);
	return started + 1;
}

size_t rrm_pool_default_jobs(void)
{
	const char *env = getenv("RRM_JOBS");
	if (env && *env) {
		long n = strtol(env, NULL, 10);
		if (n >= 1 && n <= 64)
			return (size_t)n;
	}
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n >= 1 ? (size_t)(n > 64 ? 64 : n) : 1;
}
