#pragma once
// Test mains that force the offscreen platform and a memory-only keychain, so every suite
// runs the same on a desktop, over ssh and in CI.

#ifdef QT_WIDGETS_LIB
#include <QApplication>
#endif
#include "jobs/job_runner.h"

#include <QCoreApplication>
#include <QTest>
#include <cstdio>
#include <cstdlib>

namespace kafkascope::testing {
inline void prepareTestEnvironment()
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("KAFKASCOPE_NO_KEYCHAIN", "1");
}
} // namespace kafkascope::testing

#define KAFKASCOPE_TEST_MAIN_IMPL(TestObject, AppClass)                                            \
    int main(int argc, char *argv[])                                                               \
    {                                                                                              \
        kafkascope::testing::prepareTestEnvironment();                                             \
        AppClass app(argc, argv);                                                                  \
        app.setApplicationName(QStringLiteral("kafkascope-tests"));                                \
        app.setOrganizationName(QStringLiteral("Kafkascope"));                                     \
        int rc = 0;                                                                                \
        {                                                                                          \
            TestObject tc;                                                                         \
            QTEST_SET_MAIN_SOURCE_PATH                                                             \
            rc = QTest::qExec(&tc, argc, argv);                                                    \
        }                                                                                          \
        /* As the app's main(): workers left running (a telemetry ingest cut loose, a job on a  */ \
        /* frozen broker) get a bounded time, then are abandoned without static destructors.    */ \
        if (!kafkascope::JobRunner::waitForAll(30000)) {                                           \
            std::fflush(nullptr);                                                                  \
            std::_Exit(rc);                                                                        \
        }                                                                                          \
        return rc;                                                                                 \
    }

// Core (no widgets) and GUI variants.
#define KAFKASCOPE_CORE_TEST_MAIN(TestObject) KAFKASCOPE_TEST_MAIN_IMPL(TestObject, QCoreApplication)
#define KAFKASCOPE_GUI_TEST_MAIN(TestObject) KAFKASCOPE_TEST_MAIN_IMPL(TestObject, QApplication)
