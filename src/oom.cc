// oom.cc - rrm's one C++ file. hunspell allocates with operator new; when that
// fails, std::bad_alloc goes up through rrm's C code, where nothing catches it,
// and the C++ runtime calls std::terminate (an abort). This terminate handler
// makes it rrm's clean "out of memory" exit instead, as for every other
// allocation. (A new-handler would not do: the standard library also asks for
// memory it can do without, with nothrow new, and that must keep failing
// quietly.) Any other exception still aborts.
#include <cstdlib>
#include <exception>
#include <new>

extern "C" void rrm_cxx_on_bad_alloc(void (*handler)(void));

static void (*out_of_memory)(void);

static void on_terminate()
{
	if (std::exception_ptr e = std::current_exception()) {
		try {
			std::rethrow_exception(e);
		} catch (const std::bad_alloc &) {
			if (out_of_memory)
				out_of_memory();
		} catch (...) {
		}
	}
	std::abort();
}

extern "C" void rrm_cxx_on_bad_alloc(void (*handler)(void))
{
	out_of_memory = handler;
	std::set_terminate(on_terminate);
}
