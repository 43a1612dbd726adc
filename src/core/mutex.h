// SPDX-License-Identifier: Apache-2.0
//
// sw::Mutex and the clang thread-safety annotations used on members and
// methods (SW_GUARDED_BY, SW_REQUIRES). With clang and -Wthread-safety the
// compiler checks that guarded members are only touched under their lock.
#pragma once

#include <mutex>

#if defined(__clang__)
#define SW_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define SW_THREAD_ANNOTATION(x)
#endif

#define SW_CAPABILITY(x) SW_THREAD_ANNOTATION(capability(x))
#define SW_SCOPED_CAPABILITY SW_THREAD_ANNOTATION(scoped_lockable)
#define SW_GUARDED_BY(x) SW_THREAD_ANNOTATION(guarded_by(x))
#define SW_REQUIRES(...) SW_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define SW_ACQUIRE(...) SW_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define SW_RELEASE(...) SW_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define SW_EXCLUDES(...) SW_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))

namespace sw {

class SW_CAPABILITY("mutex") Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;
  void Lock() SW_ACQUIRE() { mu_.lock(); }
  void Unlock() SW_RELEASE() { mu_.unlock(); }
  std::mutex& native() { return mu_; }

 private:
  std::mutex mu_;
};

class SW_SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mu) SW_ACQUIRE(mu) : mu_(mu) { mu_.Lock(); }
  ~MutexLock() SW_RELEASE() { mu_.Unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex& mu_;
};

}  // namespace sw
