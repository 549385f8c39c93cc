"""Generated small teams and a short solver budget, shared by the property tests."""
from hypothesis import strategies as st

from scheduler.generate import GenParams
from scheduler.model import Options

FAST = Options(time_limit_s=0.8, workers=2, seed=0)

small_teams = st.builds(
    GenParams, members=st.integers(2, 6), categories=st.integers(2, 12),
    days=st.integers(2, 5), tightness=st.floats(0.5, 2.0))
