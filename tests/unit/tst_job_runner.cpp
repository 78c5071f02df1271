// The one job model: results reach the receiver on its thread only while the job is current;
// stale, cancelled and orphaned results are dropped; nothing waits for a job.

#include "jobs/job_runner.h"
#include "jobs/job_slot.h"
#include "test_main.h"

#include <QElapsedTimer>
#include <QSemaphore>
#include <QTest>
#include <QThread>

using namespace kafkascope;

namespace {
// A job that blocks until released, like a request to a hung broker.
struct Gate
{
    QSemaphore open;
    std::atomic_bool entered{false}; // the job is on its thread, blocked
    void release() { open.release(1000); }
};

class Receiver : public QObject
{
public:
    JobSlot slot{this};
    QList<int> results;
    QList<Qt::HANDLE> threads;
};
} // namespace

class TestJobRunner : public QObject
{
    Q_OBJECT
private slots:
    void deliversOnReceiverThread();
    void dropsStaleOrCancelled_data();
    void dropsStaleOrCancelled();
    void deletedReceiverIsNeverTouched();
    void reportsProgressAndPosts();
    void waitForAllIsBounded();
    void trackedThreadsAreCounted();
};

void TestJobRunner::deliversOnReceiverThread()
{
    JobRunner runner(QStringLiteral("t"));
    Receiver r;
    Qt::HANDLE worker = nullptr;
    const JobHandle h = r.slot.start(runner, QStringLiteral("answer"), [&worker](JobControl &) {
        worker = QThread::currentThreadId();
        return 42;
    }, [&r](int v) {
        r.results << v;
        r.threads << QThread::currentThreadId();
    });
    QCOMPARE(h.generation(), 1u);
    QTRY_COMPARE(r.results, QList<int>{42});
    QCOMPARE(r.threads.first(), QThread::currentThreadId());
    QVERIFY(worker != QThread::currentThreadId());
    QTRY_VERIFY(!h.isRunning());
}

void TestJobRunner::dropsStaleOrCancelled_data()
{
    QTest::addColumn<bool>("supersede");
    QTest::newRow("superseded by a newer job") << true;
    QTest::newRow("cancelled") << false;
}

void TestJobRunner::dropsStaleOrCancelled()
{
    QFETCH(bool, supersede);
    JobRunner runner(QStringLiteral("t"));
    Receiver r;
    auto gate = std::make_shared<Gate>();
    auto ran = std::make_shared<std::atomic_bool>(false);
    const JobHandle first = r.slot.start(runner, QStringLiteral("slow"), [gate, ran](JobControl &) {
        gate->entered = true;
        gate->open.acquire();
        *ran = true;
        return 1;
    }, [&r](int v) { r.results << v; });
    QTRY_VERIFY(gate->entered); // a job cancelled before it starts never runs at all
    if (supersede) {
        const JobHandle second = r.slot.start(runner, QStringLiteral("fast"), [](JobControl &) { return 2; },
                                              [&r](int v) { r.results << v; });
        QCOMPARE(second.generation(), first.generation() + 1);
        QVERIFY(first.isCancelled());
        QTRY_COMPARE(r.results, QList<int>{2});
    } else {
        first.cancel();
    }
    gate->release();
    QTRY_VERIFY(*ran);
    QTRY_VERIFY(!first.isRunning());
    QCoreApplication::processEvents(); // anything posted would be delivered now
    QCOMPARE(r.results, supersede ? QList<int>{2} : QList<int>{});
}

void TestJobRunner::deletedReceiverIsNeverTouched()
{
    JobRunner runner(QStringLiteral("t"));
    auto gate = std::make_shared<Gate>();
    auto delivered = std::make_shared<std::atomic_bool>(false);
    auto finished = std::make_shared<std::atomic_bool>(false);
    auto *r = new Receiver;
    const JobHandle h = r->slot.start(runner, QStringLiteral("hung"), [gate, finished](JobControl &) {
        gate->entered = true;
        gate->open.acquire();
        *finished = true;
        return 7;
    }, [delivered, r](int v) {
        *delivered = true;
        r->results << v; // would be a use after free
    });
    QTRY_VERIFY(gate->entered);
    QElapsedTimer clock;
    clock.start();
    delete r; // must not wait for the hung job
    QVERIFY2(clock.elapsed() < 50, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(h.isCancelled());
    gate->release();
    QTRY_VERIFY(*finished);
    QTRY_VERIFY(!h.isRunning());
    QCoreApplication::processEvents();
    QVERIFY(!*delivered);
}

void TestJobRunner::reportsProgressAndPosts()
{
    JobRunner runner(QStringLiteral("t"));
    Receiver r;
    auto gate = std::make_shared<Gate>();
    const JobSlot::Poster poster = r.slot.poster();
    const JobHandle h = r.slot.start(runner, QStringLiteral("steps"), [gate, poster, &r](JobControl &c) {
        for (int i = 1; i <= 3; ++i) {
            c.setProgress(i, 3);
            poster.post(c, [&r, i] { r.results << -i; });
        }
        gate->open.acquire();
        return 100;
    }, [&r](int v) { r.results << v; });
    QTRY_COMPARE(h.done(), 3);
    QCOMPARE(h.total(), 3);
    QTRY_COMPARE(r.results, (QList<int>{-1, -2, -3}));
    QVERIFY(h.isRunning());
    gate->release();
    QTRY_COMPARE(r.results, (QList<int>{-1, -2, -3, 100}));
}

void TestJobRunner::waitForAllIsBounded()
{
    QTRY_COMPARE(JobRunner::liveThreads(), 0);
    auto gate = std::make_shared<Gate>();
    JobHandle h;
    {
        JobRunner runner(QStringLiteral("t"));
        h = runner.start(QStringLiteral("hung"), 1, [gate](JobControl &) {
            gate->entered = true;
            gate->open.acquire();
        });
        QTRY_VERIFY(gate->entered);
    } // the runner goes first: it cancels, it does not wait
    QVERIFY(h.isCancelled());
    QCOMPARE(JobRunner::liveThreads(), 1);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(!JobRunner::waitForAll(200));
    QVERIFY(clock.elapsed() >= 190 && clock.elapsed() < 1000);
    gate->release();
    QVERIFY(JobRunner::waitForAll(5000));
    QCOMPARE(JobRunner::liveThreads(), 0);
}

void TestJobRunner::trackedThreadsAreCounted()
{
    QTRY_COMPARE(JobRunner::liveThreads(), 0);
    auto gate = std::make_shared<Gate>();
    QThread *t = QThread::create([gate] { gate->open.acquire(); });
    JobRunner::track(t);
    t->start();
    QCOMPARE(JobRunner::liveThreads(), 1);
    QVERIFY(!JobRunner::waitForAll(50));
    gate->release();
    QVERIFY(JobRunner::waitForAll(5000));
    t->wait();
    delete t;
}

KAFKASCOPE_CORE_TEST_MAIN(TestJobRunner)
#include "tst_job_runner.moc"
