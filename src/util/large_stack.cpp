#include "util/large_stack.hpp"

#include <pthread.h>

#include <cstring>
#include <exception>
#include <stdexcept>
#include <string>

namespace migrator::util {
namespace {

struct Job {
  const std::function<void()>* work;
  std::exception_ptr error;
};

void* run_job(void* argument) {
  auto* job = static_cast<Job*>(argument);
  try {
    (*job->work)();
  } catch (...) {
    job->error = std::current_exception();
  }
  return nullptr;
}

}  // namespace

void run_with_stack(std::size_t bytes, const std::function<void()>& work) {
  pthread_attr_t attributes;
  pthread_attr_init(&attributes);
  pthread_attr_setstacksize(&attributes, bytes);
  Job job{&work, nullptr};
  pthread_t thread;
  const int failed = pthread_create(&thread, &attributes, run_job, &job);
  pthread_attr_destroy(&attributes);
  if (failed != 0) {
    // No thread to be had (a tight ulimit -v): the work runs here, on the usual stack.
    work();
    return;
  }
  pthread_join(thread, nullptr);
  if (job.error) {
    std::rethrow_exception(job.error);
  }
}

}  // namespace migrator::util
