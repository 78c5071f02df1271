#include "jobs/background_priority.h"

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#elif defined(_WIN32)
#include <windows.h>
#else
#include <pthread.h>
#endif

#include <algorithm>

namespace kafkascope {

namespace {
// Weight 110 against the UI thread's 1024: with four such threads busy on two cores, the UI
// thread still gets about nine tenths of one when it has a frame to draw (nice 5 left it 3/5).
[[maybe_unused]] constexpr int kBackgroundNice = 10;
} // namespace

void lowerCurrentThreadPriority()
{
#if defined(__linux__)
    // On Linux, a thread id given to setpriority() names that thread alone.
    // Threads inherit their creator's niceness (librdkafka's from the thread that made the
    // client), so the level is set, not added to: calling it again changes nothing.
    const auto tid = static_cast<id_t>(syscall(SYS_gettid));
    setpriority(PRIO_PROCESS, tid, std::max(getpriority(PRIO_PROCESS, tid), kBackgroundNice));
#elif defined(_WIN32)
    SetThreadPriority(GetCurrentThread(), THREAD_PRIORITY_BELOW_NORMAL);
#else
    pthread_set_qos_class_self_np(QOS_CLASS_UTILITY, 0); // macOS
#endif
}

} // namespace kafkascope
