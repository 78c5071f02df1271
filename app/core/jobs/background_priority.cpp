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

namespace kafkascope {

void lowerCurrentThreadPriority()
{
#if defined(__linux__)
    // On Linux, a thread id given to setpriority() names that thread alone.
    const auto tid = static_cast<id_t>(syscall(SYS_gettid));
    setpriority(PRIO_PROCESS, tid, getpriority(PRIO_PROCESS, tid) + 5);
#elif defined(_WIN32)
    SetThreadPriority(GetCurrentThread(), THREAD_PRIORITY_BELOW_NORMAL);
#else
    pthread_set_qos_class_self_np(QOS_CLASS_UTILITY, 0); // macOS
#endif
}

} // namespace kafkascope
