"""The Streamlit edge: the only package modules that import streamlit."""
