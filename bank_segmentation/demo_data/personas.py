"""Planted behavioural personas of the demo bank.

Every demo customer is drawn from one persona; about one in ten blends in a second persona
with a weight of 25-45 %. All rates are per month, all amounts in EUR. The generator adds
per-customer noise (log-normal, sigma 0.25) on top of these centres.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

SPENDING_GROUPS: tuple[str, ...] = (
    "groceries",
    "dining",
    "travel",
    "fuel",
    "entertainment",
    "health",
    "shopping",
    "digital_services",
)

# ISO 18245 merchant category codes the generator draws from, per spending group.
MERCHANT_CODES: dict[str, tuple[str, ...]] = {
    "groceries": ("5411", "5422", "5441", "5451", "5499"),
    "dining": ("5812", "5813", "5814"),
    "travel": ("4511", "7011", "4111", "4121", "7512", "4722"),
    "fuel": ("5541", "5542"),
    "entertainment": ("7832", "7922", "7941", "7995"),
    "health": ("5912", "8011", "8021", "8062"),
    "shopping": ("5311", "5651", "5732", "5942", "5999", "5712"),
    "digital_services": ("5815", "5816", "5817", "5818", "4816"),
}


@dataclass(frozen=True)
class Persona:
    """Behavioural parameters of one persona (monthly rates, EUR amounts, probabilities)."""

    share: float  # share of the customer base
    age_low: float
    age_high: float
    pension_probability: float  # income arrives as pension instead of salary
    income_probability: float  # has a recurring income at all
    monthly_income: float
    card_present_per_month: float
    card_online_per_month: float
    card_ticket: float  # median card ticket
    atm_per_month: float
    atm_amount: float
    branch_per_month: float
    transfers_out_per_month: float
    savings_rate: float  # share of income moved to savings each month
    savings_probability: float
    opening_savings: float
    term_deposit_probability: float
    credit_card_probability: float
    credit_card_spend_share: float  # share of card spend booked on the credit card
    credit_card_paid_share: float  # share of each month's card bill paid back
    opening_utilisation: float  # credit-card balance / limit at the start of the window
    cash_advances_per_month: float
    loans_held: float  # mean number of loans
    loan_applications: float  # mean applications in the window
    decline_probability: float
    rent_probability: float
    opening_current_balance: float  # in months of income
    weights_card_present: tuple[float, ...]  # over SPENDING_GROUPS
    weights_card_online: tuple[float, ...]


PERSONAS: dict[str, Persona] = {
    "high_spender": Persona(
        share=0.10,
        age_low=30,
        age_high=60,
        pension_probability=0.0,
        income_probability=0.98,
        monthly_income=9000,
        card_present_per_month=14,
        card_online_per_month=6,
        card_ticket=120,
        atm_per_month=1,
        atm_amount=200,
        branch_per_month=0.1,
        transfers_out_per_month=2,
        savings_rate=0.05,
        savings_probability=0.5,
        opening_savings=15000,
        term_deposit_probability=0.1,
        credit_card_probability=0.95,
        credit_card_spend_share=0.7,
        credit_card_paid_share=1.0,
        opening_utilisation=0.05,
        cash_advances_per_month=0.0,
        loans_held=0.4,
        loan_applications=0.1,
        decline_probability=0.05,
        rent_probability=0.5,
        opening_current_balance=1.0,
        weights_card_present=(2, 4, 3, 1, 2, 0.5, 3, 0.2),
        weights_card_online=(0.5, 0.5, 4, 0, 1, 0.2, 3, 1),
    ),
    "saver": Persona(
        share=0.12,
        age_low=35,
        age_high=75,
        pension_probability=0.25,
        income_probability=0.98,
        monthly_income=4500,
        card_present_per_month=6,
        card_online_per_month=1.5,
        card_ticket=35,
        atm_per_month=1,
        atm_amount=100,
        branch_per_month=0.3,
        transfers_out_per_month=0.5,
        savings_rate=0.35,
        savings_probability=1.0,
        opening_savings=60000,
        term_deposit_probability=0.6,
        credit_card_probability=0.3,
        credit_card_spend_share=0.3,
        credit_card_paid_share=1.0,
        opening_utilisation=0.0,
        cash_advances_per_month=0.0,
        loans_held=0.1,
        loan_applications=0.02,
        decline_probability=0.02,
        rent_probability=0.2,
        opening_current_balance=2.5,
        weights_card_present=(5, 1, 0.5, 1, 0.5, 1.5, 1, 0.2),
        weights_card_online=(1, 0.2, 1, 0, 0.5, 0.5, 2, 1),
    ),
    "loan_seeker": Persona(
        share=0.10,
        age_low=22,
        age_high=55,
        pension_probability=0.0,
        income_probability=0.9,
        monthly_income=2400,
        card_present_per_month=9,
        card_online_per_month=3,
        card_ticket=30,
        atm_per_month=2,
        atm_amount=80,
        branch_per_month=0.2,
        transfers_out_per_month=1,
        savings_rate=0.0,
        savings_probability=0.05,
        opening_savings=300,
        term_deposit_probability=0.0,
        credit_card_probability=0.95,
        credit_card_spend_share=0.7,
        credit_card_paid_share=0.35,
        opening_utilisation=0.75,
        cash_advances_per_month=1.2,
        loans_held=1.8,
        loan_applications=2.5,
        decline_probability=0.45,
        rent_probability=0.7,
        opening_current_balance=0.05,
        weights_card_present=(4, 2, 0.2, 1.5, 1, 0.5, 2, 0.5),
        weights_card_online=(1, 0.5, 0.3, 0, 1, 0.2, 3, 1.5),
    ),
    "digital_first": Persona(
        share=0.18,
        age_low=19,
        age_high=38,
        pension_probability=0.0,
        income_probability=0.95,
        monthly_income=3600,
        card_present_per_month=3,
        card_online_per_month=14,
        card_ticket=28,
        atm_per_month=0.1,
        atm_amount=50,
        branch_per_month=0.0,
        transfers_out_per_month=4,
        savings_rate=0.08,
        savings_probability=0.4,
        opening_savings=4000,
        term_deposit_probability=0.02,
        credit_card_probability=0.4,
        credit_card_spend_share=0.5,
        credit_card_paid_share=1.0,
        opening_utilisation=0.1,
        cash_advances_per_month=0.0,
        loans_held=0.1,
        loan_applications=0.1,
        decline_probability=0.1,
        rent_probability=0.8,
        opening_current_balance=0.6,
        weights_card_present=(2, 2, 0.5, 0.3, 1, 0.3, 1, 0.5),
        weights_card_online=(2, 2, 1.5, 0, 2, 0.3, 4, 4),
    ),
    "cash_heavy": Persona(
        share=0.12,
        age_low=55,
        age_high=90,
        pension_probability=0.8,
        income_probability=0.97,
        monthly_income=1800,
        card_present_per_month=1.5,
        card_online_per_month=0.05,
        card_ticket=25,
        atm_per_month=6,
        atm_amount=120,
        branch_per_month=2.5,
        transfers_out_per_month=0.2,
        savings_rate=0.03,
        savings_probability=0.3,
        opening_savings=6000,
        term_deposit_probability=0.15,
        credit_card_probability=0.05,
        credit_card_spend_share=0.2,
        credit_card_paid_share=1.0,
        opening_utilisation=0.0,
        cash_advances_per_month=0.0,
        loans_held=0.05,
        loan_applications=0.02,
        decline_probability=0.2,
        rent_probability=0.3,
        opening_current_balance=0.8,
        weights_card_present=(5, 0.5, 0.1, 0.5, 0.2, 2, 0.5, 0),
        weights_card_online=(1, 0, 0, 0, 0, 1, 1, 0),
    ),
    "everyday": Persona(
        share=0.30,
        age_low=25,
        age_high=65,
        pension_probability=0.05,
        income_probability=0.97,
        monthly_income=2900,
        card_present_per_month=9,
        card_online_per_month=2,
        card_ticket=38,
        atm_per_month=1.5,
        atm_amount=80,
        branch_per_month=0.1,
        transfers_out_per_month=1,
        savings_rate=0.06,
        savings_probability=0.35,
        opening_savings=3000,
        term_deposit_probability=0.03,
        credit_card_probability=0.35,
        credit_card_spend_share=0.4,
        credit_card_paid_share=1.0,
        opening_utilisation=0.1,
        cash_advances_per_month=0.02,
        loans_held=0.35,
        loan_applications=0.1,
        decline_probability=0.1,
        rent_probability=0.6,
        opening_current_balance=0.5,
        weights_card_present=(5, 1.5, 0.3, 2, 1, 1, 1.5, 0.3),
        weights_card_online=(1, 0.5, 0.5, 0, 1, 0.3, 2, 1),
    ),
    "dormant": Persona(
        share=0.08,
        age_low=20,
        age_high=85,
        pension_probability=0.2,
        income_probability=0.05,
        monthly_income=1500,
        card_present_per_month=0.2,
        card_online_per_month=0.05,
        card_ticket=30,
        atm_per_month=0.1,
        atm_amount=60,
        branch_per_month=0.02,
        transfers_out_per_month=0.03,
        savings_rate=0.0,
        savings_probability=0.1,
        opening_savings=800,
        term_deposit_probability=0.0,
        credit_card_probability=0.05,
        credit_card_spend_share=0.3,
        credit_card_paid_share=1.0,
        opening_utilisation=0.0,
        cash_advances_per_month=0.0,
        loans_held=0.02,
        loan_applications=0.0,
        decline_probability=0.0,
        rent_probability=0.0,
        opening_current_balance=0.3,
        weights_card_present=(3, 1, 0.2, 1, 0.5, 1, 1, 0.2),
        weights_card_online=(1, 0.5, 0.5, 0, 0.5, 0.2, 1, 1),
    ),
}

PERSONA_NAMES: tuple[str, ...] = tuple(PERSONAS)
NUMERIC_FIELDS: tuple[str, ...] = tuple(
    f.name for f in fields(Persona) if f.name not in ("weights_card_present", "weights_card_online")
)


def persona_matrix() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Persona parameters as arrays: numeric (persona x field), and the two weight matrices."""
    numeric = np.array([[getattr(p, f) for f in NUMERIC_FIELDS] for p in PERSONAS.values()])
    present = np.array([p.weights_card_present for p in PERSONAS.values()], dtype=float)
    online = np.array([p.weights_card_online for p in PERSONAS.values()], dtype=float)
    return numeric, present, online
