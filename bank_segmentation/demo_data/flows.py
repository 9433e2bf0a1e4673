"""The transaction flows of the demo extract, one function per flow. Each draws from the
chunk's random stream in turn, so the order the generator calls them in fixes the output.

Over 300 lines on purpose: the flows share one random stream and one order; split, the
order that fixes the output would live in two files.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bank_segmentation.demo_data.chunk import AccountLayout, Income, Loans, People, Products, Window
from bank_segmentation.demo_data.personas import MERCHANT_CODES, SPENDING_GROUPS

DIRECTIONS = ("debit", "credit")
CHANNELS = (
    "card_pos",
    "card_online",
    "atm",
    "branch",
    "transfer",
    "direct_debit",
    "standing_order",
    "interest",
    "fee",
)
DESCRIPTIONS = (
    "SALARY",
    "PENSION",
    "RENT",
    "ELECTRICITY AND GAS",
    "MOBILE PHONE",
    "ACCOUNT FEE",
    "TRANSFER TO SAVINGS",
    "TRANSFER FROM CURRENT ACCOUNT",
    "CARD PURCHASE",
    "ONLINE PURCHASE",
    "CASH WITHDRAWAL",
    "CASH DEPOSIT",
    "PAYMENT TO",
    "CREDIT CARD REPAYMENT",
    "CARD INTEREST",
    "SAVINGS INTEREST",
    "DEPOSIT INTEREST",
    "LOAN REPAYMENT",
    "LOAN DISBURSEMENT",
    "CASH ADVANCE",
    "PURCHASE SETTLEMENT",
)
GROUP_TICKET_MULTIPLIER = np.array([1.0, 1.0, 4.0, 1.5, 1.0, 1.2, 1.6, 0.4])
MCC_LIST = (
    *(code for group in SPENDING_GROUPS for code in MERCHANT_CODES[group]),
    "6011",
    "6010",
    "4900",
    "4814",
)

DEBIT, CREDIT = (DIRECTIONS.index(name) for name in ("debit", "credit"))
CHANNEL = {name: i for i, name in enumerate(CHANNELS)}
DESCRIPTION = {name: i for i, name in enumerate(DESCRIPTIONS)}
MCC = {code: i for i, code in enumerate(MCC_LIST)}


@dataclass(frozen=True)
class Kind:
    """What a booking is, as the codes Transactions keeps: direction, channel, description
    and merchant category (-1: none)."""

    direction: int
    channel: int
    description: int
    mcc: int = -1

    @classmethod
    def of(cls, direction: str, channel: str, description: str, mcc: str | None = None) -> Kind:
        return cls(
            DIRECTIONS.index(direction),
            CHANNEL[channel],
            DESCRIPTION[description],
            MCC[mcc] if mcc is not None else -1,
        )


# The bookings of the demo bank with fixed codes (card spend and cash at the branch vary).
SALARY = Kind.of("credit", "transfer", "SALARY")
PENSION = Kind.of("credit", "standing_order", "PENSION")
ACCOUNT_FEE = Kind.of("debit", "fee", "ACCOUNT FEE")
RENT = Kind.of("debit", "standing_order", "RENT")
UTILITIES = Kind.of("debit", "direct_debit", "ELECTRICITY AND GAS", mcc="4900")
PHONE_BILL = Kind.of("debit", "direct_debit", "MOBILE PHONE", mcc="4814")
ATM_WITHDRAWAL = Kind.of("debit", "atm", "CASH WITHDRAWAL", mcc="6011")
PAYMENT_TO_OTHERS = Kind.of("debit", "transfer", "PAYMENT TO")
TO_SAVINGS = Kind.of("debit", "transfer", "TRANSFER TO SAVINGS")
FROM_CURRENT_ACCOUNT = Kind.of("credit", "transfer", "TRANSFER FROM CURRENT ACCOUNT")
SAVINGS_INTEREST = Kind.of("credit", "interest", "SAVINGS INTEREST")
DEPOSIT_INTEREST = Kind.of("credit", "interest", "DEPOSIT INTEREST")
CASH_ADVANCE = Kind.of("debit", "atm", "CASH ADVANCE", mcc="6011")
CARD_INTEREST = Kind.of("debit", "interest", "CARD INTEREST")
CARD_REPAYMENT_PAID = Kind.of("debit", "direct_debit", "CREDIT CARD REPAYMENT")
CARD_REPAYMENT_RECEIVED = Kind.of("credit", "transfer", "CREDIT CARD REPAYMENT")
LOAN_DISBURSED = Kind.of("debit", "transfer", "LOAN DISBURSEMENT")
LOAN_RECEIVED = Kind.of("credit", "transfer", "LOAN DISBURSEMENT")
PURCHASE_SETTLEMENT = Kind.of("debit", "transfer", "PURCHASE SETTLEMENT")
LOAN_INSTALMENT_PAID = Kind.of("debit", "direct_debit", "LOAN REPAYMENT")
LOAN_INSTALMENT_RECEIVED = Kind.of("credit", "transfer", "LOAN REPAYMENT")


class Transactions:
    """Accumulates transaction columns (account index, day, seconds, cents, codes)."""

    def __init__(self) -> None:
        self.parts: list[tuple[np.ndarray, ...]] = []

    def add(self, account, day, seconds, cents, kind: Kind) -> None:
        self.add_coded(
            account, day, seconds, cents, kind.direction, kind.channel, kind.mcc, kind.description
        )

    def transfer(self, paying, receiving, day, seconds, cents, paid: Kind, received: Kind) -> None:
        """Both legs of a transfer between two accounts of the bank: the same day, time and
        amount, out of `paying` as `paid` and into `receiving` as `received`."""
        self.add(paying, day, seconds, cents, paid)
        self.add(receiving, day, seconds, cents, received)

    def add_coded(self, account, day, seconds, cents, direction, channel, mcc, description) -> None:
        """Bookings whose codes (arrays or one value) vary."""
        n = len(account)
        if n == 0:
            return
        full = [
            np.broadcast_to(np.asarray(v), (n,))
            for v in (account, day, seconds, cents, direction, channel, mcc, description)
        ]
        self.parts.append(tuple(full))

    def columns(self) -> list[np.ndarray]:
        return [np.concatenate([p[i] for p in self.parts]) for i in range(8)]


class Draws:
    """Booking days and times drawn from the chunk's random stream."""

    def __init__(self, rng: np.random.Generator, n: int, window: Window) -> None:
        self.rng = rng
        self.n = n
        self.window = window

    def day_in_month(self, month: np.ndarray) -> np.ndarray:
        span = np.maximum(self.window.days_in_month[month], 1)
        return self.window.month_starts[month] + (self.rng.random(len(month)) * span).astype(int)

    def monthly(self, mask: np.ndarray, day_low: int, day_high: int):
        """(customer, month, day) of a once-a-month booking where mask[customer] holds."""
        months = self.window.months
        customer = np.repeat(np.arange(self.n)[mask], months)
        month = np.tile(np.arange(months), int(mask.sum()))
        day = self.window.month_starts[month] + self.rng.integers(
            day_low, day_high + 1, len(customer)
        )
        return customer, month, day

    def month_end(self, mask: np.ndarray):
        """(customer, month, day) of a booking on the last day of every month where
        mask[customer] holds."""
        customer, month, day = self.monthly(mask, 0, 0)
        return customer, month, day + self.window.days_in_month[month] - 1

    def poisson_events(self, rate: np.ndarray):
        """(customer, month, day) of events at rate[customer] a month."""
        months = self.window.months
        counts = self.rng.poisson(np.repeat(rate, months).reshape(self.n, months))
        customer = np.repeat(np.repeat(np.arange(self.n), months), counts.ravel())
        month_grid = np.broadcast_to(np.arange(months), (self.n, months))
        month = np.repeat(month_grid.ravel(), counts.ravel())
        return customer, month, self.day_in_month(month)

    def seconds(self, count: int, low_hour: int, high_hour: int) -> np.ndarray:
        return self.rng.integers(low_hour * 3600, high_hour * 3600, count)


def book_positive_transfers(
    draws: Draws,
    tx: Transactions,
    customer: np.ndarray,
    day: np.ndarray,
    cents: np.ndarray,
    hours: tuple[int, int],
    accounts: tuple[np.ndarray, np.ndarray],
    kinds: tuple[Kind, Kind],
) -> None:
    """Transfers of cents[i] on day[i] from the customer's paying account to its receiving
    account (accounts: per customer, the paying and the receiving account row), at a time
    within hours; nothing is booked where the amount is not positive."""
    keep = cents > 0
    customer, day, cents = customer[keep], day[keep], cents[keep]
    seconds = draws.seconds(len(customer), *hours)
    paying, receiving = accounts
    tx.transfer(paying[customer], receiving[customer], day, seconds, cents, *kinds)


def book_month_end_interest(
    draws: Draws,
    tx: Transactions,
    mask: np.ndarray,
    accounts: np.ndarray,
    monthly_cents: np.ndarray,
    kind: Kind,
) -> None:
    """Interest of monthly_cents[customer] on the last day of every month, into the
    customer's account row in `accounts`, where mask[customer] holds."""
    customer, _, day = draws.month_end(mask)
    tx.add(accounts[customer], day, 1800, monthly_cents[customer], kind)


def book_income(draws: Draws, tx: Transactions, income: Income, layout: AccountLayout):
    """Salary on day 24-27 or pension on day 1-4, small monthly variation."""
    salary_c, _, salary_day = draws.monthly(income.has_income & ~income.is_pension, 24, 27)
    tx.add(
        layout.current[salary_c],
        salary_day,
        draws.seconds(len(salary_c), 5, 8),
        np.round(income.cents[salary_c] * draws.rng.normal(1, 0.02, len(salary_c))).astype(
            np.int64
        ),
        SALARY,
    )
    pension_c, _, pension_day = draws.monthly(income.has_income & income.is_pension, 0, 3)
    tx.add(
        layout.current[pension_c],
        pension_day,
        draws.seconds(len(pension_c), 5, 8),
        income.cents[pension_c],
        PENSION,
    )


def book_fixed_outgoings(
    draws: Draws, tx: Transactions, people: People, income: Income, layout: AccountLayout
):
    """Account fee, rent, utilities, phone."""
    n, rng = people.n, draws.rng
    fee_c, _, fee_day = draws.month_end(np.ones(n, dtype=bool))
    tx.add(layout.current[fee_c], fee_day, draws.seconds(len(fee_c), 1, 3), 350, ACCOUNT_FEE)
    pays_rent = (rng.random(n) < people.p("rent_probability")) & income.has_income
    rent_cents = np.round(income.cents * rng.uniform(0.2, 0.32, n), -2).astype(np.int64)
    rent_c, _, rent_day = draws.monthly(pays_rent, 0, 2)
    tx.add(
        layout.current[rent_c], rent_day, draws.seconds(len(rent_c), 2, 6), rent_cents[rent_c], RENT
    )
    # monthly bills by direct debit: (kind, first and last day, lowest and highest cents)
    for bill, (first_day, last_day), (low_cents, high_cents) in (
        (UTILITIES, (9, 14), (6_000, 18_000)),
        (PHONE_BILL, (15, 18), (1_500, 6_000)),
    ):
        bill_c, _, bill_day = draws.monthly(income.has_income, first_day, last_day)
        seconds = draws.seconds(len(bill_c), 2, 6)
        cents = rng.integers(low_cents, high_cents, len(bill_c))
        tx.add(layout.current[bill_c], bill_day, seconds, cents, bill)


def book_card_spend(
    draws: Draws,
    tx: Transactions,
    people: People,
    products: Products,
    layout: AccountLayout,
    card_debits: np.ndarray,
):
    """Card spend, present and online; part of it on the credit card (added to card_debits,
    which the monthly repayment pays back)."""
    rng = draws.rng
    group_sizes = np.array([len(MERCHANT_CODES[g]) for g in SPENDING_GROUPS])
    group_offsets = np.cumsum([0, *group_sizes])[:-1]
    for channel, rate_field, weights in (
        ("card_pos", "card_present_per_month", people.present_weights),
        ("card_online", "card_online_per_month", people.online_weights),
    ):
        cust, month, day = draws.poisson_events(people.p(rate_field))
        cumulative = np.cumsum(weights / weights.sum(axis=1, keepdims=True), axis=1)
        group = (rng.random(len(cust))[:, None] > cumulative[cust]).sum(axis=1)
        group = np.minimum(group, len(SPENDING_GROUPS) - 1)
        ticket = people.p("card_ticket")[cust] * GROUP_TICKET_MULTIPLIER[group]
        cents = np.maximum(100, np.round(rng.lognormal(np.log(ticket), 0.8) * 100)).astype(np.int64)
        code_in_group = (rng.random(len(cust)) * group_sizes[group]).astype(int)
        mcc = np.where(rng.random(len(cust)) < 0.01, -1, group_offsets[group] + code_in_group)
        on_card = products.has_card[cust] & (
            rng.random(len(cust)) < people.p("credit_card_spend_share")[cust]
        )
        account = np.where(on_card, layout.card[cust], layout.current[cust])
        np.add.at(card_debits, (cust[on_card], month[on_card]), cents[on_card])
        description = DESCRIPTION["CARD PURCHASE" if channel == "card_pos" else "ONLINE PURCHASE"]
        tx.add_coded(
            account,
            day,
            draws.seconds(len(cust), 7, 23),
            cents,
            DEBIT,
            CHANNEL[channel],
            mcc,
            description,
        )


def book_cash(draws: Draws, tx: Transactions, people: People, layout: AccountLayout):
    """ATM withdrawals; branch withdrawals and deposits."""
    rng = draws.rng
    cust, _, day = draws.poisson_events(people.p("atm_per_month"))
    atm_cents = np.maximum(
        2_000, np.round(rng.lognormal(np.log(people.p("atm_amount")[cust]), 0.4), -1) * 100
    ).astype(np.int64)
    tx.add(layout.current[cust], day, draws.seconds(len(cust), 6, 24), atm_cents, ATM_WITHDRAWAL)
    cust, _, day = draws.poisson_events(people.p("branch_per_month"))
    is_deposit = rng.random(len(cust)) < 0.4
    branch_cents = np.maximum(
        2_000, np.round(rng.lognormal(np.log(2 * people.p("atm_amount")[cust]), 0.5), -1) * 100
    ).astype(np.int64)
    tx.add_coded(
        layout.current[cust],
        day,
        draws.seconds(len(cust), 9, 17),
        branch_cents,
        np.where(is_deposit, CREDIT, DEBIT),
        CHANNEL["branch"],
        np.where(is_deposit, -1, MCC["6010"]),
        np.where(is_deposit, DESCRIPTION["CASH DEPOSIT"], DESCRIPTION["CASH WITHDRAWAL"]),
    )


def book_transfers(
    draws: Draws, tx: Transactions, people: People, income: Income, layout: AccountLayout
):
    """Transfers to other people."""
    cust, _, day = draws.poisson_events(people.p("transfers_out_per_month"))
    transfer_cents = np.maximum(
        500,
        np.round(draws.rng.lognormal(np.log(0.08 * np.maximum(income.cents[cust], 100_000)), 0.8)),
    ).astype(np.int64)
    tx.add(
        layout.current[cust],
        day,
        draws.seconds(len(cust), 7, 23),
        transfer_cents,
        PAYMENT_TO_OTHERS,
    )


def book_savings(
    draws: Draws,
    tx: Transactions,
    people: People,
    income: Income,
    products: Products,
    layout: AccountLayout,
) -> tuple[np.ndarray, np.ndarray]:
    """Monthly transfer from current to savings, interest on savings and deposits. Returns
    each customer's opening savings and term deposit (cents)."""
    saves = products.has_savings & income.has_income & (people.p("savings_rate") > 0)
    save_c, _, save_day = draws.monthly(saves, 25, 27)
    save_cents = np.round(income.cents[save_c] * people.p("savings_rate")[save_c], -2).astype(
        np.int64
    )
    book_positive_transfers(
        draws,
        tx,
        save_c,
        save_day,
        save_cents,
        (9, 10),
        (layout.current, layout.savings),
        (TO_SAVINGS, FROM_CURRENT_ACCOUNT),
    )
    opening_savings_cents = np.round(people.p("opening_savings") * 100).astype(np.int64)
    # interest a month: 1.5 % a year on savings, 3 % on term deposits
    savings_interest = np.maximum(1, opening_savings_cents * 15 // 12_000)
    book_month_end_interest(
        draws, tx, products.has_savings, layout.savings, savings_interest, SAVINGS_INTEREST
    )
    deposit_cents = np.round(
        opening_savings_cents * draws.rng.uniform(0.5, 1.5, people.n), -4
    ).astype(np.int64)
    deposit_interest = np.maximum(1, deposit_cents * 30 // 12_000)
    book_month_end_interest(
        draws, tx, products.has_deposit, layout.deposit, deposit_interest, DEPOSIT_INTEREST
    )
    return opening_savings_cents, deposit_cents


def book_credit_card(
    draws: Draws,
    tx: Transactions,
    people: People,
    products: Products,
    layout: AccountLayout,
    card_debits: np.ndarray,
) -> np.ndarray:
    """Cash advances, interest on revolving balances, the monthly repayment of card_debits.
    Returns each customer's opening card balance (cents, negative: owed)."""
    rng, has_card = draws.rng, products.has_card
    cust, month, day = draws.poisson_events(people.p("cash_advances_per_month") * has_card)
    advance_cents = np.maximum(2_000, np.round(rng.lognormal(np.log(150), 0.4), -1) * 100).astype(
        np.int64
    )
    tx.add(layout.card[cust], day, draws.seconds(len(cust), 6, 24), advance_cents, CASH_ADVANCE)
    np.add.at(card_debits, (cust, month), advance_cents)
    limit_cents = products.limit_cents
    opening_card_cents = -np.minimum(
        limit_cents,
        np.round(limit_cents * people.p("opening_utilisation") * rng.uniform(0.6, 1.2, people.n)),
    ).astype(np.int64)
    revolving = has_card & (people.p("credit_card_paid_share") < 0.99)
    card_interest = np.where(revolving, -opening_card_cents * 15 // 1000, 0)
    interest_c, interest_m, interest_day = draws.monthly(revolving & (card_interest > 0), 19, 19)
    tx.add(layout.card[interest_c], interest_day, 1800, card_interest[interest_c], CARD_INTEREST)
    np.add.at(card_debits, (interest_c, interest_m), card_interest[interest_c])
    repay_c, repay_m, repay_day = draws.monthly(has_card, 27, 27)
    repay_cents = np.round(
        card_debits[repay_c, repay_m] * np.minimum(1.0, people.p("credit_card_paid_share")[repay_c])
    ).astype(np.int64)
    book_positive_transfers(
        draws,
        tx,
        repay_c,
        repay_day,
        repay_cents,
        (10, 11),
        (layout.current, layout.card),
        (CARD_REPAYMENT_PAID, CARD_REPAYMENT_RECEIVED),
    )
    return opening_card_cents


def book_loans(draws: Draws, tx: Transactions, loans: Loans, layout: AccountLayout) -> np.ndarray:
    """Disbursement of loans originated in the window, monthly repayments. Returns each
    loan's monthly instalment (cents)."""
    window = draws.window
    disbursed = np.flatnonzero(loans.in_window)
    disburse_seconds = draws.seconds(len(disbursed), 9, 16)
    tx.transfer(
        layout.loan[disbursed],
        layout.current[loans.customer[disbursed]],
        loans.originated[disbursed],
        disburse_seconds,
        loans.principal_cents[disbursed],
        LOAN_DISBURSED,
        LOAN_RECEIVED,
    )
    purchase = disbursed[np.isin(loans.product[disbursed], (1, 2))]
    tx.add(
        layout.current[loans.customer[purchase]],
        loans.originated[purchase] + 1,
        draws.seconds(len(purchase), 9, 16),
        loans.principal_cents[purchase],
        PURCHASE_SETTLEMENT,
    )
    instalment = np.round(loans.principal_cents * 1.08 / loans.term, -2).astype(np.int64)
    paying = loans.status < 2
    loan_month = np.tile(np.arange(window.months), loans.count)
    loan_row = np.repeat(np.arange(loans.count), window.months)
    loan_day = window.month_starts[loan_month] + 14
    pays = (
        paying[loan_row]
        & (loan_day > loans.originated[loan_row])
        & (draws.rng.random(len(loan_row)) < np.where(loans.status[loan_row] == 1, 0.6, 1.0))
    )
    loan_row, loan_day = loan_row[pays], loan_day[pays]
    repay_seconds = draws.seconds(len(loan_row), 3, 5)
    tx.transfer(
        layout.current[loans.customer[loan_row]],
        layout.loan[loan_row],
        loan_day,
        repay_seconds,
        instalment[loan_row],
        LOAN_INSTALMENT_PAID,
        LOAN_INSTALMENT_RECEIVED,
    )
    return instalment
