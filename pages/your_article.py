"""Your article: bring another news article, get its dated, located events (placeholder)."""

import streamlit as st

st.title("Your article")
st.info("Coming soon: upload a news article and map its events.")
