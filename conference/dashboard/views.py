"""The managers' dashboard: the performance picture by team and pod, with trends and commentary."""
