/* Unit tests for core/topk (the best k of a stream, as a full sort would pick them, ties included), core/order (the
 * three-way comparisons) and core/tls (one object per thread, released at thread exit and by tls_drop). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdlib.h>

#include "core/order.h"
#include "core/tls.h"
#include "core/topk.h"

struct item {
	double score;
	int64_t id;
};

/* Higher score first, then lower id: the order the match queries keep. */
static int cmp_best_first(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int o = order_f64(y->score, x->score);
	return o ? o : order_u64((uint64_t)x->id, (uint64_t)y->id);
}

static bool worse(const void *a, const void *b)
{
	return cmp_best_first(a, b) > 0;
}

static void test_topk_matches_sort(void **state)
{
	(void)state;
	enum { N = 2000, K = 25 };
	static struct item all[N];
	srand(7);
	for (int i = 0; i < N; i++) /* few distinct scores: many ties, broken by id */
		all[i] = (struct item){(double)(rand() % 40), i};
	struct item heap[K];
	size_t n = 0;
	for (int i = 0; i < N; i++)
		topk_push(heap, &n, K, &all[i], sizeof all[i], worse);
	assert_int_equal(n, K);
	qsort(heap, n, sizeof *heap, cmp_best_first);
	qsort(all, N, sizeof *all, cmp_best_first);
	for (int i = 0; i < K; i++) {
		assert_true(heap[i].score == all[i].score);
		assert_int_equal(heap[i].id, all[i].id);
	}
	n = 0; /* fewer than k: every one is kept */
	for (int i = 0; i < 3; i++)
		topk_push(heap, &n, K, &all[i], sizeof all[i], worse);
	assert_int_equal(n, 3);
}

static void test_order(void **state)
{
	(void)state;
	assert_int_equal(order_f64(1.0, 2.0), -1);
	assert_int_equal(order_f64(2.0, 1.0), 1);
	assert_int_equal(order_f64(0.5, 0.5), 0);
	assert_int_equal(order_u64(0, UINT64_MAX), -1); /* no wrap-around of a subtraction */
	assert_int_equal(order_u64(UINT64_MAX, 0), 1);
	assert_int_equal(order_u64(42, 42), 0);
}

static int made, released;

static void *make_counter(void)
{
	made++;
	return calloc(1, sizeof(int));
}

static void release_counter(void *p)
{
	released++;
	free(p);
}

static struct tls_slot slot = TLS_SLOT(make_counter, release_counter);

static void *other_thread(void *arg)
{
	*(void **)arg = tls_get(&slot);
	return NULL;
}

static void test_tls(void **state)
{
	(void)state;
	void *mine = tls_get(&slot);
	assert_non_null(mine);
	assert_ptr_equal(tls_get(&slot), mine); /* made once per thread */
	assert_int_equal(made, 1);
	pthread_t t;
	void *theirs = NULL;
	assert_int_equal(pthread_create(&t, NULL, other_thread, &theirs), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_non_null(theirs);
	assert_int_equal(made, 2);
	assert_int_equal(released, 1); /* the other thread's went when it exited */
	tls_drop(&slot);
	assert_int_equal(released, 2);
	tls_drop(&slot); /* nothing left to drop */
	assert_int_equal(released, 2);
	assert_non_null(tls_get(&slot)); /* made again on the next use */
	assert_int_equal(made, 3);
	tls_drop(&slot);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_topk_matches_sort),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_tls),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
