import Testing
@testable import OporaCore

@Suite struct ProgressRulesTests {
    /// A report returned for revision is open work again: not done in rounds, overdue past its date.
    @Test func aReturnedReportCountsAsOpenWork() {
        let today = LocalDate(year: 2025, month: 5, day: 1)!
        let due = LocalDate(year: 2025, month: 4, day: 1)!
        let returned = ProgressStatus.done.counted(review: .returned)
        #expect(returned == .inProgress)
        #expect(Urgency.of(due: due, status: returned, today: today) == .overdue)
        #expect(ProgressStatus.done.counted(review: .accepted) == .done)
        #expect(ProgressStatus.done.counted(review: .pending) == .done)
        #expect(ProgressStatus.notStarted.counted(review: .returned) == .notStarted)
        var c = Completion()
        c.add(status: returned, urgency: .overdue)
        c.add(status: ProgressStatus.done.counted(review: .accepted), urgency: .closed)
        #expect(c.done == 1 && c.overdue == 1 && c.percent == 50)
    }

    @Test func workNotClosedByItsDueDateIsShownAsNotDoneInTime() {
        let today = LocalDate(year: 2025, month: 5, day: 1)!
        let past = LocalDate(year: 2025, month: 4, day: 30)!
        let future = LocalDate(year: 2025, month: 5, day: 2)!
        #expect(ProgressStatus.notStarted.shown(due: past, today: today) == "не выполнено в срок")
        #expect(ProgressStatus.inProgress.shown(due: past, today: today) == "не выполнено в срок")
        #expect(ProgressStatus.done.counted(review: .returned).shown(due: past, today: today) == "не выполнено в срок")
        #expect(ProgressStatus.notStarted.shown(due: future, today: today) == "не начато")
        #expect(ProgressStatus.notStarted.shown(due: today, today: today) == "не начато")
        #expect(ProgressStatus.partlyDone.shown(due: past, today: today) == "выполнено частично")
        #expect(ProgressStatus.notDone.shown(due: past, today: today) == "не выполнено")
        #expect(ProgressStatus.inProgress.shown(due: nil, today: today) == "в работе")
    }
}
